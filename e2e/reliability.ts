// Helpers for the reliability specs: the CSP as a response header on every request (a page's <meta> policy
// does not reach its workers; a header does), and a collector of policy violations from the page and its
// workers.
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../vite.csp';

export interface CspWatch {
  violations: () => Promise<string[]>;
  routed: string[];
}

export async function enforceCsp(page: Page): Promise<CspWatch> {
  const routed: string[] = [];
  const fromConsole: string[] = [];
  await page.route('**/*', async (route) => {
    routed.push(route.request().url());
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const onText = (text: string): void => {
    if (/Content Security Policy|Refused to/i.test(text)) fromConsole.push(text);
  };
  page.on('console', (m) => onText(m.text()));
  page.on('worker', (w) => (w as unknown as { on(e: 'console', f: (m: { text(): string }) => void): void }).on?.('console', (m) => onText(m.text())));
  return {
    routed,
    violations: async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...fromConsole],
  };
}

/** JS heap in use, from Chromium's performance.memory. */
export async function heapMb(page: Page): Promise<number> {
  return page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20);
}
