// The Kubernetes controls in node details, on the node details Scope 1.13's app answered for a
// small cluster (shared/fixtures/scope-1.13-kubernetes: details-1 a pod, details-4 the deployment
// shop/frontend, details-9 a claim) and the control answers in its controls.md.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pod from '../test/fixtures/kubernetes/details-1.json';
import deployment from '../test/fixtures/kubernetes/details-4.json';
import claim from '../test/fixtures/kubernetes/details-9.json';
import { mockFetch } from '../test/http';
import type { NodeDetails as Details } from '../api/types';
import { confirmationFor, requiredRole } from './controls';
import { NodeDetails } from './NodeDetails';

class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  binaryType = 'blob';
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  bytes(data: Uint8Array) {
    act(() => this.onmessage?.({ data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }));
  }
  end() {
    act(() => this.onclose?.({}));
  }
}

const POD = '/api/app/acme/api/topology/pods/';
const CONTROLLERS = '/api/app/acme/api/topology/kube-controllers/';
const CONTROL = 'POST /api/app/acme/api/control/';
const posts = (fetch: ReturnType<typeof vi.fn>) =>
  fetch.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST').map(([u]) => String(u));

const details = (node: { node: unknown }, props: Partial<Parameters<typeof NodeDetails>[0]> = {}) =>
  render(
    <NodeDetails
      org="acme"
      role="admin"
      topology="pods"
      nodeId={(node.node as Details).id}
      options={{}}
      onClose={vi.fn()}
      onNavigate={vi.fn()}
      onPipe={vi.fn()}
      refreshMs={60000}
      {...props}
    />,
  );

beforeEach(() => {
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('relatives', () => {
  it("names a pod's controller and service by their kind, not their topology ids", async () => {
    mockFetch({ [POD]: pod });
    details(pod);
    const relatives = within(await screen.findByRole('region', { name: 'Parents' }));
    expect(relatives.getByText('Controller')).toBeTruthy();
    expect(relatives.getByText('Service')).toBeTruthy();
    expect(relatives.queryByText('kube-controllers')).toBeNull();
  });
});

describe('Kubernetes controls', () => {
  it("opens a pod's logs in the terminal, read-only, for viewers too", async () => {
    const fetch = mockFetch({ [CONTROL]: { pipe: 'pipe-2928978670092926841' }, [POD]: pod });
    const onPipe = vi.fn();
    details(pod, { role: 'viewer', onPipe });
    const logs = await screen.findByRole('button', { name: /Get logs/ });
    expect(screen.getByRole('button', { name: /Describe/ })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: /Delete/ })).toHaveProperty('disabled', true);
    fireEvent.click(logs);
    await waitFor(() => expect(onPipe).toHaveBeenCalled());
    expect(onPipe.mock.calls[0][0]).toEqual({
      pipeId: 'pipe-2928978670092926841',
      rawTty: false,
      resizeControl: undefined,
      probeId: '3f1b87f896a4f8ea',
      nodeId: '7dfd3608-95bd-570a-9bad-6df031c56997;<pod>',
      title: 'Get logs — frontend-tlzndpdtx5-z9mmb',
    });
    expect(posts(fetch)).toEqual(['/api/app/acme/api/control/3f1b87f896a4f8ea/7dfd3608-95bd-570a-9bad-6df031c56997%3B%3Cpod%3E/kubernetes_get_logs']);
  });

  it('asks before deleting a pod, naming it and its namespace, and sends nothing on Cancel', async () => {
    const fetch = mockFetch({ [CONTROL]: { removedNode: '7dfd3608-95bd-570a-9bad-6df031c56997;<pod>' }, [POD]: pod });
    const onClose = vi.fn();
    details(pod, { role: 'member', onClose });
    fireEvent.click(await screen.findByRole('button', { name: /Delete/ }));
    let dialog = screen.getByRole('dialog', { name: 'Delete pod frontend-tlzndpdtx5-z9mmb?' });
    expect(within(dialog).getByTestId('confirm-object').textContent).toBe('pod frontend-tlzndpdtx5-z9mmb in the namespace shop');
    expect(within(dialog).getByText('Are you sure you want to delete this pod?')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posts(fetch)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: /Delete/ }));
    dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posts(fetch)).toEqual(['/api/app/acme/api/control/3f1b87f896a4f8ea/7dfd3608-95bd-570a-9bad-6df031c56997%3B%3Cpod%3E/kubernetes_delete_pod']);
  });

  it('shows the error the service answers to a delete', async () => {
    const refusal = 'pods "frontend-tlzndpdtx5-z9mmb" is forbidden: User "system:serviceaccount:scope:probe" cannot delete resource "pods" in the namespace "shop"';
    mockFetch({ [CONTROL]: { status: 400, body: refusal }, [POD]: pod });
    const onClose = vi.fn();
    details(pod, { onClose });
    fireEvent.click(await screen.findByRole('button', { name: /Delete/ }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByTestId('control-result')).textContent).toBe(refusal);
    expect(screen.getByTestId('control-result').className).toBe('error-note');
    expect(onClose).not.toHaveBeenCalled();
  });

  it("asks before deleting a volume snapshot though Scope's control has no confirmation; only admins may", async () => {
    const id = '9a1b2c3d-0000-5000-8000-000000000001;<volume_snapshot>';
    const snapshot = {
      node: {
        ...claim.node,
        id,
        label: 'snapshot-20261205220627-4878',
        controls: [{ probeId: '3f1b87f896a4f8ea', nodeId: id, id: 'kubernetes_delete_volume_snapshot', human: 'Delete', icon: 'far fa-trash-alt', rank: 1 }],
      },
    };
    mockFetch({ [CONTROL]: {}, [POD]: snapshot });
    const { unmount } = details(snapshot, { role: 'member' });
    const del = await screen.findByRole('button', { name: /Delete/ });
    expect(del).toHaveProperty('disabled', true);
    expect(del.getAttribute('title')).toBe('Delete needs the admin role; you are member');
    unmount();
    details(snapshot, { role: 'admin' });
    fireEvent.click(await screen.findByRole('button', { name: /Delete/ }));
    const dialog = screen.getByRole('dialog', { name: 'Delete volume snapshot snapshot-20261205220627-4878?' });
    expect(within(dialog).getByTestId('confirm-object').textContent).toBe('volume snapshot snapshot-20261205220627-4878 in the namespace shop');
    expect(within(dialog).getByText('Delete cannot be undone.')).toBeTruthy();
  });

  it("shows a deployment's replicas beside Scale up and Scale down, and follows the count after scaling", async () => {
    let desired = '3';
    const withDesired = () => ({
      node: { ...deployment.node, metadata: deployment.node.metadata.map((m) => (m.id === 'kubernetes_desired_replicas' ? { ...m, value: desired } : m)) },
    });
    const fetch = mockFetch({
      [CONTROL]: () => {
        desired = '4'; // the probe reports the new count at its next publish
        return {};
      },
      [CONTROLLERS]: () => withDesired(),
    });
    details(deployment, { topology: 'kube-controllers', role: 'member' });
    expect((await screen.findByTestId('replicas')).textContent).toBe('Replicas: 3 desired · 3 pods');
    const order = within(screen.getByRole('toolbar', { name: 'Controls' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(order).toEqual(['▼Scale down', '▲Scale up', '≣Describe']);
    fireEvent.click(screen.getByRole('button', { name: /Scale up/ }));
    expect((await screen.findByTestId('control-result')).textContent).toBe('Scale up: asked for 4 replicas');
    await waitFor(() => expect(screen.getByTestId('replicas').textContent).toBe('Replicas: 4 desired · 3 pods'), { timeout: 4000 });
    expect(screen.queryByTestId('scaling')).toBeNull();
    expect(posts(fetch)).toEqual(['/api/app/acme/api/control/3f1b87f896a4f8ea/0c644b41-5148-5f88-8bed-f1326112b69d%3B%3Cdeployment%3E/kubernetes_scale_up']);
  });

  it('says it waits for the count the probe has not reported yet', async () => {
    mockFetch({ [CONTROL]: {}, [CONTROLLERS]: deployment });
    details(deployment, { topology: 'kube-controllers', role: 'member' });
    fireEvent.click(await screen.findByRole('button', { name: /Scale down/ }));
    expect((await screen.findByTestId('scaling')).textContent).toBe(' → 2 asked for, waiting for the probe’s report…');
    expect(screen.getByTestId('replicas').textContent).toContain('Replicas: 3 desired');
  });

  it('cannot scale a deployment of no replicas down', async () => {
    const none = { node: { ...deployment.node, metadata: deployment.node.metadata.map((m) => (m.id === 'kubernetes_desired_replicas' ? { ...m, value: '0' } : m)) } };
    mockFetch({ [CONTROLLERS]: none });
    details(none, { topology: 'kube-controllers' });
    expect(await screen.findByRole('button', { name: /Scale down/ })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: /Scale up/ })).toHaveProperty('disabled', false);
  });
});

describe('Describe', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: frontend-tlzndpdtx5-z9mmb\n  namespace: shop\n  annotations:\n    note: "café ☕"\n';

  it("shows the object's YAML from the pipe in a panel titled with its name, to copy, and closes the pipe", async () => {
    const fetch = mockFetch({ [CONTROL]: { pipe: 'pipe-8218789873566439020' }, [POD]: pod, 'DELETE /api/app/acme/api/pipe/': {} });
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const onPipe = vi.fn();
    details(pod, { role: 'viewer', onPipe });
    fireEvent.click(await screen.findByRole('button', { name: /Describe/ }));
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const ws = FakeWebSocket.all[0];
    expect(ws.url).toMatch(/\/api\/app\/acme\/api\/pipe\/pipe-8218789873566439020$/);
    expect(ws.binaryType).toBe('arraybuffer');
    const dialog = screen.getByRole('dialog', { name: 'Describe pod frontend-tlzndpdtx5-z9mmb' });
    expect(within(dialog).getByRole('heading').textContent).toBe('pod frontend-tlzndpdtx5-z9mmb');
    // the pipe's 1 KiB frames may cut a character in two
    const bytes = new TextEncoder().encode(yaml);
    const cut = bytes.indexOf(0xe2) + 1;
    ws.bytes(bytes.slice(0, cut));
    ws.bytes(bytes.slice(cut));
    ws.end();
    expect(within(dialog).getByTestId('describe-yaml').textContent).toBe(yaml);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy the YAML' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(yaml));
    expect(onPipe).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close the description' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(fetch.mock.calls.some(([u, i]) => String(u) === '/api/app/acme/api/pipe/pipe-8218789873566439020' && (i as RequestInit).method === 'DELETE')).toBe(true),
    );
    expect(ws.closed).toBe(true);
  });

  it('says so when the probe sends nothing, and shows a refusal as an error, not a panel', async () => {
    mockFetch({ [CONTROL]: { pipe: 'pipe-1' }, [CONTROLLERS]: deployment, 'DELETE /api/app/acme/api/pipe/': {} });
    const { unmount } = details(deployment, { topology: 'kube-controllers' });
    fireEvent.click(await screen.findByRole('button', { name: /Describe/ }));
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    FakeWebSocket.all[0].end();
    expect((await screen.findByTestId('describe-empty')).textContent).toContain('The probe sent nothing for deployment frontend');
    unmount();

    mockFetch({ [CONTROL]: { status: 400, body: 'deployment frontend is gone' }, [CONTROLLERS]: deployment });
    details(deployment, { topology: 'kube-controllers' });
    fireEvent.click(await screen.findByRole('button', { name: /Describe/ }));
    expect((await screen.findByTestId('control-result')).textContent).toBe('deployment frontend is gone');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('control policy', () => {
  it("mirrors service-control's: viewers read, admins cordon and handle snapshots, members the rest", () => {
    expect(requiredRole('kubernetes_get_logs')).toBe('viewer');
    expect(requiredRole('kubernetes_describe')).toBe('viewer');
    expect(requiredRole('kubernetes_delete_pod')).toBe('member');
    expect(requiredRole('kubernetes_scale_up')).toBe('member');
    expect(requiredRole('kubernetes_cordon_node')).toBe('admin');
    expect(requiredRole('kubernetes_uncordon_node')).toBe('admin');
    expect(requiredRole('kubernetes_create_volume_snapshot')).toBe('admin');
    expect(requiredRole('kubernetes_clone_volume_snapshot')).toBe('admin');
    expect(requiredRole('kubernetes_delete_volume_snapshot')).toBe('admin');
    expect(requiredRole('host_exec')).toBe('admin');
  });

  it('asks only before controls that want it or delete', () => {
    const c = (id: string, confirmation?: string) => ({ probeId: 'p', nodeId: 'x;<pod>', id, human: 'X', icon: '', rank: 0, confirmation });
    expect(confirmationFor(c('kubernetes_scale_up'), null)).toBeNull();
    expect(confirmationFor(c('kubernetes_describe'), null)).toBeNull();
    expect(confirmationFor(c('docker_remove_container'), null)?.object).toBe('pod x;<pod>');
    expect(confirmationFor(c('plugin~act', 'Sure?'), { id: 'x;<pod>', label: 'web', metadata: null })?.question).toBe('Sure?');
  });
});
