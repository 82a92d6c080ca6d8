// Where the main thread's time goes during one benchmark case: builds bench/ unminified, runs the
// case in Chromium with the CPU profiler on, prints the functions with the most self time and
// writes the profile to target/ (open it in Chromium's DevTools, Performance).
//   npm run bench:profile -- mesh:10000:20000 live      # phases: first, live, zoom, pan
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const [shape, n, e] = (process.argv[2] ?? 'mesh:2000:5000').split(':');
const root = new URL('../target/bench/', import.meta.url).pathname;
const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn', '--minify', 'false'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  const file = path.endsWith('/') ? join(path, 'index.html') : path;
  if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  page.on('console', (m) => console.error('console:', m.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'bench' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const phase = process.argv[3] ?? 'live';
  // 'first': from the data to the first paint; the others after it.
  if (phase !== 'first') await page.evaluate(({ shape, n, e }) => window.bench.prepare(shape, Number(n), Number(e)), { shape, n, e });
  await cdp.send('Profiler.start');
  const r =
    phase === 'first'
      ? await page.evaluate(({ shape, n, e }) => window.bench.prepare(shape, Number(n), Number(e)), { shape, n, e })
      : await page.evaluate((phase) => window.bench.phase(phase), phase);
  const { profile } = await cdp.send('Profiler.stop');
  console.log(JSON.stringify(r), 'layout in the worker (ms):', await page.evaluate(() => document.querySelector('[data-testid="map"]')?.dataset.layoutMs));
  writeFileSync(new URL(`../target/profile-${shape}-${n}-${phase}.cpuprofile`, import.meta.url), JSON.stringify(profile));
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const cf = node.callFrame;
    const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`total ${total.toFixed(0)} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
} finally {
  await browser.close();
  server.close();
}
