// The page's main-thread tasks from Chromium's trace (CDP Tracing, "devtools.timeline"): each task's wall
// time and its thread time (CPU time of the main thread). On a machine shared with other processes the
// wall time of a task stretches with their load; the thread time is the page's own work.
import type { CDPSession, Page } from '@playwright/test';

export interface MainTask {
  /** ms */
  wall: number;
  /** ms of the main thread's CPU */
  cpu: number;
  /** when it started, ms on the trace clock */
  at: number;
  /** the last mark (MainThreadTrace.mark) before it */
  phase: string;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

export class MainThreadTrace {
  private constructor(private readonly cdp: CDPSession) {}

  static async start(page: Page): Promise<MainThreadTrace> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
    return new MainThreadTrace(cdp);
  }

  /** Marks the start of a phase of the test (a console.timeStamp in the trace). */
  static async mark(page: Page, phase: string): Promise<void> {
    await page.evaluate((p) => console.timeStamp(`phase:${p}`), phase);
  }

  /** Stops the trace; the renderer main thread's tasks, in order, with the phase each started in. */
  async stop(): Promise<MainTask[]> {
    const done = new Promise<string>((resolve) => this.cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
    await this.cdp.send('Tracing.end');
    const stream = await done;
    let text = '';
    for (;;) {
      const chunk = await this.cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await this.cdp.send('IO.close', { handle: stream });
    const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents;
    const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const marks = events
      .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith('phase:'))
      .map((e) => ({ at: e.ts / 1000, phase: e.args!.data!.message!.slice(6) }))
      .sort((a, b) => a.at - b.at);
    return events
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
      .map((e) => {
        const at = e.ts / 1000;
        return { wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000, at, phase: marks.filter((m) => m.at <= at).pop()?.phase ?? '' };
      })
      .filter((t) => t.phase !== '')
      .sort((a, b) => a.at - b.at);
  }
}
