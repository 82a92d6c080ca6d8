import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import host from '../test/fixtures/api_topology_hosts_vm_host.json';
import pluginHost from '../test/fixtures/plugin_hosts_vm_host.json';
import { mockFetch } from '../test/http';
import { controlIcon, NodeDetails, requiredRole } from './NodeDetails';

const details = (props: Partial<Parameters<typeof NodeDetails>[0]> = {}) =>
  render(
    <NodeDetails
      org="acme"
      role="admin"
      topology="hosts"
      nodeId="vm;<host>"
      options={{}}
      onClose={vi.fn()}
      onNavigate={vi.fn()}
      onPipe={vi.fn()}
      refreshMs={60000}
      {...props}
    />,
  );

afterEach(() => vi.unstubAllGlobals());

describe('NodeDetails', () => {
  it('shows a real host: metrics with sparklines, info, children and connections', async () => {
    const fetch = mockFetch({ '/api/app/acme/api/topology/hosts/': host });
    details();
    expect(await screen.findByTestId('details-label')).toHaveProperty('textContent', 'vm');
    expect(fetch.mock.calls[0][0]).toBe('/api/app/acme/api/topology/hosts/vm%3B%3Chost%3E');
    const metrics = screen.getByRole('region', { name: 'Metrics' });
    expect(within(metrics).getByText('CPU')).toBeTruthy();
    expect(metrics.querySelectorAll('svg.sparkline path').length).toBeGreaterThan(0);
    expect(screen.getByText('Kernel version')).toBeTruthy();
    expect(screen.getByText(/^1h 28m$/)).toBeTruthy(); // uptime 5293 s as a duration
    expect(screen.getByRole('region', { name: 'Processes' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Inbound' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Outbound' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Exec shell/ })).toBeTruthy();
  });

  it('links children and connections to their nodes', async () => {
    mockFetch({ '/api/app/acme/api/topology/hosts/': host });
    const onNavigate = vi.fn();
    details({ onNavigate });
    const processes = await screen.findByRole('region', { name: 'Processes' });
    fireEvent.click(within(processes.querySelector('tbody')!).getAllByRole('button')[0]);
    expect(onNavigate).toHaveBeenCalledWith('processes', expect.stringMatching(/^vm;\d+$/));
    const inbound = screen.getByRole('region', { name: 'Inbound' });
    fireEvent.click(within(inbound).getAllByRole('button')[0]);
    expect(onNavigate).toHaveBeenLastCalledWith('hosts', 'vm;<host>');
  });

  it('shows 50 children, all of them on request, sorted by a metric with blanks last', async () => {
    const children = Array.from({ length: 120 }, (_, i) => ({
      id: `vm;${1000 + i}`,
      label: `proc-${String(i).padStart(3, '0')}`,
      labelMinor: '',
      rank: '',
      metrics: i % 10 === 0 ? [] : [{ id: 'process_cpu_usage_percent', label: 'CPU', format: 'percent', value: i, min: 0, max: 100 }],
    }));
    const many = { node: { ...host.node, children: [{ label: 'Processes', topologyId: 'processes', nodes: children }] } };
    mockFetch({ '/api/app/acme/api/topology/hosts/': many });
    details();
    const processes = await screen.findByRole('region', { name: 'Processes' });
    const rows = () => processes.querySelectorAll('tbody tr');
    expect(rows()).toHaveLength(50);
    fireEvent.click(within(processes).getByRole('button', { name: 'Show all 120' }));
    expect(rows()).toHaveLength(120);
    fireEvent.click(within(processes).getByRole('button', { name: /^CPU/ }));
    expect(rows()[0].textContent).toContain('proc-119');
    expect(rows()[119].textContent).toMatch(/proc-\d+0$/);
  });

  it('runs a plugin control and shows that it worked', async () => {
    const fetch = mockFetch({
      'POST /api/app/acme/api/control/': {},
      '/api/app/acme/api/topology/hosts/': pluginHost,
    });
    details({ role: 'member' });
    const button = await screen.findByRole('button', { name: /Switch to IO wait/ });
    fireEvent.click(button);
    expect(await screen.findByTestId('control-result')).toHaveProperty('textContent', 'Switch to IO wait: done');
    const post = fetch.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST')!;
    expect(post[0]).toBe('/api/app/acme/api/control/60a4c0caa413a3ff/vm%3B%3Chost%3E/iowait~switchToIOWait');
  });

  it('asks before running a control that wants confirmation', async () => {
    const node = { node: { ...pluginHost.node, controls: [{ ...pluginHost.node.controls[0], confirmation: 'Really switch?' }] } };
    const fetch = mockFetch({ 'POST /api/app/acme/api/control/': {}, '/api/app/acme/api/topology/hosts/': node });
    details();
    fireEvent.click(await screen.findByRole('button', { name: /Switch to IO wait/ }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Really switch?')).toBeTruthy();
    expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch to IO wait' }));
    await screen.findByTestId('control-result');
    expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'POST')).toBe(true);
  });

  it('opens a terminal when a control answers with a pipe', async () => {
    mockFetch({
      'POST /api/app/acme/api/control/': { pipe: 'pipe-1', raw_tty: true, resize_tty_control: 'host_resize_exec_tty' },
      '/api/app/acme/api/topology/hosts/': host,
    });
    const onPipe = vi.fn();
    details({ onPipe });
    fireEvent.click(await screen.findByRole('button', { name: /Exec shell/ }));
    await waitFor(() => expect(onPipe).toHaveBeenCalled());
    expect(onPipe.mock.calls[0][0]).toMatchObject({ pipeId: 'pipe-1', rawTty: true, resizeControl: 'host_resize_exec_tty', probeId: '3b0a37194325fdbc' });
  });

  it('shows the control error the service answered', async () => {
    mockFetch({
      'POST /api/app/acme/api/control/': { status: 400, body: 'probe 3b0a37194325fdbc is not connected right now' },
      '/api/app/acme/api/topology/hosts/': host,
    });
    details();
    fireEvent.click(await screen.findByRole('button', { name: /Exec shell/ }));
    expect((await screen.findByTestId('control-result')).textContent).toBe('probe 3b0a37194325fdbc is not connected right now');
  });

  it('keeps shells from members and every control from viewers', async () => {
    mockFetch({ '/api/app/acme/api/topology/hosts/': host });
    details({ role: 'member' });
    const shell = await screen.findByRole('button', { name: /Exec shell/ });
    expect(shell).toHaveProperty('disabled', true);
    expect(shell.getAttribute('title')).toContain('needs the admin role');
    expect(requiredRole('docker_stop_container')).toBe('member');
    expect(controlIcon('fa fa-terminal')).toBe('>_');
  });

  it('says when the node is gone', async () => {
    mockFetch({ '/api/app/acme/api/topology/hosts/': { status: 404, body: { code: 404, message: 'no node' } } });
    details();
    expect(await screen.findByText(/no longer in the report/)).toBeTruthy();
  });
});
