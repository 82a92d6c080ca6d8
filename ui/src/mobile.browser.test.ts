// @vitest-environment node
// The built app in Debian's Chromium at a phone's size (390 × 844), its API answered from the
// captured Scope fixtures (issue 16, defect 6): the page is no wider than the screen, every
// navigation link is reachable, and selecting a node keeps the map on screen beside its details.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBuiltApp, type BuiltApp } from './test/builtApp';
import hostNode from './test/fixtures/api_topology_hosts_vm_host.json';
import processes from './test/fixtures/api_topology_processes.json';
import topologies from './test/fixtures/api_topology.json';

const session = { user: { id: '00000000-0000-0000-0000-000000000001', email: 'someone.with.a.long.name@example.org' }, csrfToken: 't', orgs: [{ id: 'acme-42', name: 'Acme Corporation', role: 'owner' }] };

let app: BuiltApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBuiltApp();
  browser = app.browser;
  base = app.base;
}, 60000);

afterAll(async () => {
  await app?.close();
});

async function phone() {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.route('**/api/**', (route) => {
    const url = new URL(route.request().url());
    const json = (body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    if (url.pathname === '/api/session') return json(session);
    if (url.pathname === '/api/app/acme-42/api/topology') return json(topologies);
    if (url.pathname.startsWith('/api/app/acme-42/api/topology/processes/')) return json(hostNode);
    if (url.pathname.startsWith('/api/app/acme-42/api/topology/processes')) return json(processes);
    if (url.pathname.startsWith('/api/orgs/acme-42/probes')) return json([]);
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"code":404,"message":"not here"}' });
  });
  await page.routeWebSocket(/\/ws/, (ws) => {
    ws.send(JSON.stringify({ add: Object.values(processes.nodes) }));
  });
  return page;
}

describe('on a phone (390 × 844)', () => {
  it('fits the page to the screen and keeps every navigation link reachable', async () => {
    const page = await phone();
    await page.goto(`${base}/app/acme-42/map/processes`);
    await page.waitForSelector('[data-testid="map"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const link of await page.locator('.topbar nav a').all()) {
      await link.scrollIntoViewIfNeeded();
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.close();
  }, 60000);

  it("shows a selected node's details over the bottom of the map, which stays on screen", async () => {
    const page = await phone();
    await page.goto(`${base}/app/acme-42/map/processes`);
    await page.waitForSelector('[data-testid="map"] [data-node-id]');
    await page.locator('[data-testid="map"] [data-node-id]').first().click();
    await page.waitForSelector('.details');
    const map = (await page.locator('[data-testid="map"]').boundingBox())!;
    const details = (await page.locator('.details').boundingBox())!;
    expect(map.width).toBeGreaterThan(300);
    expect(map.height).toBeGreaterThan(200);
    expect(details.width).toBeLessThanOrEqual(390);
    expect(details.x).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  }, 60000);
});
