// Browser benchmark of the map: builds bench/ into target/bench, serves it on loopback, and
// measures it in Debian's Chromium (headless, software rendering) on synthetic topologies.
//
//   npm run bench                                  # the issue's cases (below)
//   npm run bench -- mesh:2000:5000 legacy:1000    # chosen cases: shape:nodes[:edges]
//
// Shapes: mesh (random connections between processes on 50 hosts), tiered (four tiers of
// services), legacy (the earlier benchmark's tiered containers). Prints a Markdown table (for
// bench/README.md), writes target/bench-results.json and a screenshot of each map at the
// fitted zoom, target/bench-<shape>-<nodes>.png.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const cases = process.argv.slice(2).map((a) => {
  const [shape, n, e] = a.split(':');
  return { shape, n: Number(n), e: Number(e ?? 0) };
});
if (cases.length === 0)
  cases.push({ shape: 'mesh', n: 2000, e: 5000 }, { shape: 'tiered', n: 2000, e: 5000 }, { shape: 'mesh', n: 10000, e: 20000 }, { shape: 'tiered', n: 10000, e: 20000 }, { shape: 'legacy', n: 300, e: 0 });
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
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const results = [];
try {
  for (const c of cases) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    const r = await page.evaluate(({ shape, n, e }) => window.bench.run(shape, n, e), c);
    results.push(r);
    await page.evaluate(({ shape, n, e }) => window.bench.display(shape, n, e), c);
    await page.waitForTimeout(300);
    await page.screenshot({ path: new URL(`../target/bench-${c.shape}-${c.n}.png`, import.meta.url).pathname });
    console.error(`${c.shape} ${c.n} done`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const f = (x) => (x === undefined || x === null ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
const fps = (ms) => (ms ? Math.round(1000 / ms).toString() : '–');
console.log('| graph | nodes | edges | groups (open) | data → first paint (ms) | complete (ms) | zoom fps p50 / p95 | pan fps p50 / p95 | live updates fps p50 / p95 | JS heap (MB) | other topology painted, during relayout (ms) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.shape} | ${r.nodes} | ${r.edges} | ${r.groups ? `${r.groups} (${r.openGroups})` : '– (layered)'} | ${f(r.firstPaintMs)} | ${f(r.completeMs)} | ${fps(r.zoom.p50)} / ${fps(r.zoom.p95)} | ${fps(r.pan.p50)} / ${fps(r.pan.p95)} | ${fps(r.live.p50)} / ${fps(r.live.p95)} | ${f(r.heapMb)} | ${f(r.switchMs)} |`,
  );
}
writeFileSync(new URL('../target/bench-results.json', import.meta.url), JSON.stringify(results, null, 2));
