// A second origin for the e2e tests: https on 127.0.0.1 with a throw-away self-signed certificate (the browser
// context must set ignoreHTTPSErrors), serving files from a folder with CORS open, and counting requests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';

export interface OtherOrigin {
  origin: string;
  requests: string[];
  close: () => Promise<void>;
}

export async function httpsFolder(dir: string): Promise<OtherOrigin> {
  const tmp = mkdtempSync(join(tmpdir(), 'sem-https-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'),
  ], { stdio: 'ignore' });
  const requests: string[] = [];
  const server = createServer({ key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    requests.push(path);
    const file = normalize(join(dir, path));
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    try {
      if (!file.startsWith(dir + sep)) throw new Error('outside');
      res.writeHead(200, headers).end(readFileSync(file));
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
      rmSync(tmp, { recursive: true, force: true });
    }),
  };
}
