// A big organisation in the browser (issue 16), run by infra/standalone's BigOrgBrowserE2EIT once
// 50 probes report 2,000 processes: log in, open the processes map, read it (grouped by host on
// the canvas, labelled), zoom and pan at a measured frame rate, search, open a node's details.
//
//   BASE_URL=… E2E_EMAIL=… E2E_PASSWORD=… E2E_ORG=… node e2e/big-org.mjs
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.BASE_URL ?? '').replace(/\/$/, '');
const { E2E_EMAIL: EMAIL, E2E_PASSWORD: PASSWORD, E2E_ORG: ORG } = process.env;
if (!BASE || !EMAIL || !PASSWORD || !ORG) {
  console.error('BASE_URL, E2E_EMAIL, E2E_PASSWORD and E2E_ORG are required');
  process.exit(2);
}
const SHOTS = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
mkdirSync(SHOTS, { recursive: true });
/**
 * Budgets: the 3 s from the data's arrival to something readable, as the issue states it;
 * from the click (page load, sign-in check, topology list, websocket, service) with room for a
 * CI machine shared by several builds; frame rates likewise.
 */
const DATA_TO_READABLE_MS = Number(process.env.E2E_DATA_TO_READABLE_MS ?? 3000);
const READABLE_MS = Number(process.env.E2E_READABLE_MS ?? 10000);
const MIN_FPS = Number(process.env.E2E_MIN_FPS ?? 30);

const log = (m) => console.log(`[big-org] ${m}`);
const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: BASE });
  context.setDefaultTimeout(30000);
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  await page.goto('/login');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('form', { name: 'Log in' }).getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/app\//);

  // Readable: the canvas painted with its groups, from the moment the map is asked for.
  const t0 = Date.now();
  await page.goto(`/app/${encodeURIComponent(ORG)}/map/processes`);
  const map = page.locator('canvas[data-testid="map"]');
  await map.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('canvas[data-testid="map"]')?.dataset.painted ?? 0) > 0);
  const readableMs = Date.now() - t0;
  const groups = Number(await map.getAttribute('data-groups'));
  const status = await page.getByTestId('map-status').textContent();
  // Where the time went, from the page's User Timing marks (ui/src/map/marks.ts), in ms since
  // the navigation started: the budget counts from the data's arrival (the first frame).
  // Each step's last mark before the first paint (more data may have started another layout).
  const marks = await page.evaluate(() => {
    const all = performance.getEntriesByType('mark');
    const paint = all.find((m) => m.name === 'map:first-paint')?.startTime ?? Infinity;
    const out = {};
    for (const m of all) if (m.startTime <= paint && !(m.name === 'map:first-frame' && m.name in out)) out[m.name] = Math.round(m.startTime);
    return out;
  });
  const layoutMs = await map.getAttribute('data-layout-ms');
  const dataToPaintMs = marks['map:first-paint'] - marks['map:first-frame'];
  log(
    `readable after ${readableMs} ms: ${status}; ${groups} groups; socket open at ${marks['map:socket-open']} ms, first frame at ${marks['map:first-frame']}, ` +
      `applied at ${marks['map:frame-applied']}, layout asked for at ${marks['map:layout-requested']}, ready at ${marks['map:layout']} (${layoutMs} ms in the worker), ` +
      `first paint at ${marks['map:first-paint']}: data → readable ${dataToPaintMs} ms`,
  );
  expect(groups === 50, `the map should group the 50 hosts, has ${groups} groups`);
  expect(/2,?000 nodes|20\d\d nodes/.test(status ?? ''), `the map should show 2,000 processes: ${status}`);
  expect(Number.isFinite(dataToPaintMs), `the page should mark its first frame and first paint: ${JSON.stringify(marks)}`);
  expect(dataToPaintMs <= DATA_TO_READABLE_MS, `readable ${dataToPaintMs} ms after the data arrived, over ${DATA_TO_READABLE_MS} ms`);
  expect(readableMs <= READABLE_MS, `readable after ${readableMs} ms, over ${READABLE_MS} ms`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, 'big-1-overview.png') });

  // Zoom and pan with the mouse, counting frames as the page paints them.
  const box = await map.boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 100000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(30);
  }
  await page.mouse.down();
  for (let i = 0; i < 30; i++) await page.mouse.move(cx - i * 8, cy - i * 4);
  await page.mouse.up();
  const frames = await page.evaluate(() => window.__frames);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  const fps = Math.round(1000 / median);
  log(`zoom and pan: ${gaps.length} frames, median ${median.toFixed(1)} ms (${fps} fps), p95 ${gaps[Math.floor(gaps.length * 0.95)].toFixed(1)} ms; zoom ${await map.getAttribute('data-zoom')}`);
  expect(fps >= MIN_FPS, `zoom and pan at ${fps} fps, under ${MIN_FPS}`);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, 'big-2-zoomed.png') });

  // Search: matches are counted and highlighted, the rest dimmed.
  await page.getByLabel('Search nodes').fill('postgres');
  await page.getByTestId('map-status').filter({ hasText: 'matching' }).waitFor();
  const matching = await page.getByTestId('map-status').textContent();
  log(`search: ${matching}`);
  expect(/\d+ matching/.test(matching ?? ''), `the search should count matches: ${matching}`);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, 'big-3-search.png') });

  // Details: the table of the matches, a row opens its node's details beside the map.
  await page.getByRole('radio', { name: 'Table' }).click();
  await page.locator('tr[data-node-id]').first().click();
  await page.locator('.details').waitFor();
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid="details-label"]')?.textContent ?? '';
    return t !== '' && t !== '…';
  });
  const title = await page.getByTestId('details-label').textContent();
  log(`details of ${title}`);
  expect(title === 'postgres', `the details should be a postgres process's, are ${title}`);
  await page.getByRole('radio', { name: 'Graph' }).click();
  await map.waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SHOTS, 'big-4-details.png') });
  log('done');
} catch (e) {
  console.error(`[big-org] FAILED: ${e.message}`);
  if (page) await page.screenshot({ path: join(SHOTS, 'big-failed.png') }).catch(() => undefined);
  process.exitCode = 1;
} finally {
  await browser.close();
}
