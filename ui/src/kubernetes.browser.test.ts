// @vitest-environment node
// The built app in Debian's Chromium on a Kubernetes org (issue 18, item 4), its API answered
// from what Scope 1.13's app served for a small cluster (shared/fixtures/scope-1.13-kubernetes):
// the Pods view and its namespace filter, the choice kept in the URL into Controllers, a
// deployment's replicas and scale, Describe's YAML panel and a refused pod delete.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBuiltApp, type BuiltApp } from './test/builtApp';
import topologies from './test/fixtures/kubernetes/api_topology.json';
import controllersShop from './test/fixtures/kubernetes/api_topology_kube-controllers.ns-shop.json';
import controllers from './test/fixtures/kubernetes/api_topology_kube-controllers.defaults.json';
import podsShop from './test/fixtures/kubernetes/api_topology_pods.ns-shop.json';
import pods from './test/fixtures/kubernetes/api_topology_pods.defaults.json';
import podDetails from './test/fixtures/kubernetes/details-1.json';
import deploymentDetails from './test/fixtures/kubernetes/details-4.json';

const SHOTS = new URL('../target/screenshots/', import.meta.url).pathname;
const session = { user: { id: '00000000-0000-0000-0000-000000000001', email: 'ops@example.org' }, csrfToken: 't', orgs: [{ id: 'acme-42', name: 'Acme', role: 'admin' }] };
const DEPLOYMENT = '0c644b41-5148-5f88-8bed-f1326112b69d;<deployment>';
const POD = '7dfd3608-95bd-570a-9bad-6df031c56997;<pod>';
const YAML = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\n  namespace: shop\nspec:\n  replicas: 3\n';
const REFUSAL = 'pods "frontend-tlzndpdtx5-z9mmb" is forbidden: the probe\'s service account may not delete pods in "shop"';

let app: BuiltApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await openBuiltApp();
  browser = app.browser;
  base = app.base;
}, 60000);

afterAll(async () => {
  await app?.close();
});

interface Seen {
  sockets: string[];
  controls: string[];
  pipesClosed: string[];
}

/** A page whose API is the cluster's captured answers; what it asked for lands in `seen`. */
async function cluster(): Promise<{ page: Page; seen: Seen }> {
  const seen: Seen = { sockets: [], controls: [], pipesClosed: [] };
  let desired = 3;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/api/**', (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const json = (body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const app = '/api/app/acme-42/api';
    if (url.pathname === '/api/session') return json(session);
    if (url.pathname === `${app}/topology`) return json(topologies);
    if (url.pathname === `${app}/topology/kube-controllers/${encodeURIComponent(DEPLOYMENT)}`) {
      const node = deploymentDetails.node;
      return json({ node: { ...node, metadata: node.metadata.map((m) => (m.id === 'kubernetes_desired_replicas' ? { ...m, value: String(desired) } : m)) } });
    }
    if (url.pathname === `${app}/topology/pods/${encodeURIComponent(POD)}`) return json(podDetails);
    if (url.pathname.startsWith(`${app}/control/`) && req.method() === 'POST') {
      const control = url.pathname.split('/').pop()!;
      seen.controls.push(control);
      if (control === 'kubernetes_describe') return json({ pipe: 'pipe-5686750211537321804' });
      if (control === 'kubernetes_scale_up') {
        desired += 1;
        return json({});
      }
      if (control === 'kubernetes_delete_pod') return json(REFUSAL, 400);
    }
    if (url.pathname.startsWith(`${app}/pipe/`) && req.method() === 'DELETE') {
      seen.pipesClosed.push(url.pathname.split('/').pop()!);
      return json({});
    }
    if (url.pathname.startsWith('/api/orgs/acme-42/probes')) return json([]);
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"code":404,"message":"not here"}' });
  });
  await page.routeWebSocket(/\/topology\/[^/]+\/ws/, (ws) => {
    const url = new URL(ws.url());
    seen.sockets.push(`${url.pathname.split('/').slice(-2, -1)[0]}?namespace=${url.searchParams.get('namespace') ?? ''}`);
    const shop = url.searchParams.get('namespace') === 'shop';
    const view = url.pathname.includes('/kube-controllers/') ? (shop ? controllersShop : controllers) : shop ? podsShop : pods;
    ws.send(JSON.stringify({ add: Object.values(view.nodes ?? {}), reset: true }));
  });
  await page.routeWebSocket(/\/pipe\/pipe-/, (ws) => {
    ws.send(Buffer.from(YAML, 'utf8'));
    ws.close();
  });
  return { page, seen };
}

const nodeCount = (page: Page) => page.locator('[data-testid="map"] [data-node-id]').count();

describe('a Kubernetes org in the browser', () => {
  it('filters the Pods view by namespace, keeps the choice in the URL into Controllers, scales and describes a deployment', async () => {
    const { page, seen } = await cluster();
    await page.goto(`${base}/app/acme-42/map/pods`);
    await page.waitForSelector('[data-testid="map"] [data-node-id]');
    await expect.poll(() => nodeCount(page)).toBe(8); // the defaults hide storage (Scope's defaults render)
    expect(await page.getByRole('checkbox', { name: 'All Namespaces' }).isChecked()).toBe(true);

    await page.getByRole('checkbox', { name: 'shop' }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('o.namespace')).toBe('shop');
    await expect.poll(() => nodeCount(page)).toBe(7);
    expect(await page.getByRole('checkbox', { name: 'All Namespaces' }).isChecked()).toBe(false);

    await page.getByRole('tab', { name: /^Controllers/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/app/acme-42/map/kube-controllers');
    expect(new URL(page.url()).searchParams.get('o.namespace')).toBe('shop');
    expect(await page.getByRole('checkbox', { name: 'shop' }).isChecked()).toBe(true);
    await expect.poll(() => nodeCount(page)).toBe(5);
    expect(seen.sockets).toEqual(['pods?namespace=', 'pods?namespace=shop', 'kube-controllers?namespace=shop']);

    await page.locator(`[data-testid="map"] [data-node-id="${DEPLOYMENT}"]`).click();
    const replicas = page.getByTestId('replicas');
    await expect.poll(() => replicas.textContent()).toBe('Replicas: 3 desired · 3 pods');
    await page.getByRole('button', { name: /Scale up/ }).click();
    await expect.poll(() => replicas.textContent(), { timeout: 10000 }).toBe('Replicas: 4 desired · 3 pods');

    await page.getByRole('button', { name: /Describe/ }).click();
    const panel = page.getByRole('dialog', { name: 'Describe deployment frontend' });
    await expect.poll(() => panel.getByTestId('describe-yaml').textContent()).toBe(YAML);
    const font = await panel.getByTestId('describe-yaml').evaluate((e) => getComputedStyle(e).fontFamily);
    expect(font).toMatch(/monospace/);
    await page.screenshot({ path: join(SHOTS, 'kubernetes-describe.png') });
    await panel.getByRole('button', { name: 'Close the description' }).click();
    await expect.poll(() => seen.pipesClosed).toEqual(['pipe-5686750211537321804']);
    expect(seen.controls).toEqual(['kubernetes_scale_up', 'kubernetes_describe']);
    await page.close();
  }, 90000);

  it('asks before deleting a pod, naming it, and shows why the cluster refused', async () => {
    const { page, seen } = await cluster();
    await page.goto(`${base}/app/acme-42/map/pods?node=${encodeURIComponent(POD)}`);
    await page.getByRole('button', { name: /Delete/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete pod frontend-tlzndpdtx5-z9mmb?' });
    expect(await dialog.getByTestId('confirm-object').textContent()).toBe('pod frontend-tlzndpdtx5-z9mmb in the namespace shop');
    await page.screenshot({ path: join(SHOTS, 'kubernetes-delete.png') });
    expect(seen.controls).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('control-result').textContent()).toBe(REFUSAL);
    expect(seen.controls).toEqual(['kubernetes_delete_pod']);
    await page.close();
  }, 90000);
});
