// The built app (target/classes/scope-cloud-ui) served on loopback, with Debian's Chromium to
// open it: what the browser tests (*.browser.test.ts) share. Each test answers the API itself,
// with Playwright's routes.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = new URL('../../target/classes/scope-cloud-ui/', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface BuiltApp {
  browser: Browser;
  /** Where the app is served, e.g. http://127.0.0.1:40123 */
  base: string;
  close(): Promise<void>;
}

/** Serves the built app (index.html for every route without a file) and starts Chromium. */
export async function openBuiltApp(): Promise<BuiltApp> {
  expect(existsSync(join(ROOT, 'index.html')), 'build the app first: npm run build (Maven does it before the tests)').toBe(true);
  expect(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM}: apt-get install -y chromium`).toBe(true);
  const server = createServer((req, res) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.startsWith(ROOT) && existsSync(path) && extname(path) ? path : join(ROOT, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    base,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
