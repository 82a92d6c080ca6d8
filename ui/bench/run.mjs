// Browser benchmark of the map: builds bench/ into target/bench, serves it on loopback, and
// measures it in Debian's Chromium (headless, software rendering) at several graph sizes.
//
//   npm run bench                 # 100, 300, 1000 nodes
//   npm run bench -- 1000 2000    # chosen sizes
//
// Prints a Markdown table (for bench/README.md) and writes target/bench-results.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(100, 300, 1000);
const root = new URL('../target/bench/', import.meta.url).pathname;

const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  const file = path.endsWith('/') ? join(path, 'index.html') : path;
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  for (const n of sizes) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    const r = await page.evaluate((size) => window.bench.run(size), n);
    results.push(r);
    console.error(`${n} nodes done`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const f = (x) => (x === undefined ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
console.log('| nodes | edges | layout (ms) | first paint (ms) | zoom frame p50 / p95 / max (ms) | pan frame p50 / p95 / max (ms) | live updates frame p50 / p95 / max (ms) | relayout in worker (ms) | frame p95 during relayout (ms) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.nodes} | ${r.edges} | ${f(r.layoutMs)} | ${f(r.firstPaintMs)} | ${f(r.zoom.p50)} / ${f(r.zoom.p95)} / ${f(r.zoom.max)} | ${f(r.pan.p50)} / ${f(r.pan.p95)} / ${f(r.pan.max)} | ${f(r.live.p50)} / ${f(r.live.p95)} / ${f(r.live.max)} | ${f(r.relayoutMs)} | ${f(r.framesDuringRelayout.p95)} |`,
  );
}
writeFileSync(new URL('../target/bench-results.json', import.meta.url), JSON.stringify(results, null, 2));
