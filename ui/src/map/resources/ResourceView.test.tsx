import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../test/http';
import { ResourceView } from './ResourceView';

const cpu = (value: number, max = 100) => [{ id: 'host_cpu_usage_percent', label: 'CPU', format: 'percent', value, min: 0, max, priority: 1 }];
const mem = (value: number, max = 0) => [{ id: 'host_mem_usage_bytes', label: 'Memory', format: 'filesize', value, min: 0, max, priority: 2 }];
const onWeb = [{ id: 'web;<host>', label: 'web', topologyId: 'hosts' }];

describe('the resource view', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows hosts, containers and processes as bars, resizes them by memory, and selects one', async () => {
    const fetch = mockFetch({
      '/api/app/acme/api/topology/hosts': { nodes: { 'web;<host>': { id: 'web;<host>', label: 'web', labelMinor: '', rank: '', metrics: [...cpu(40), ...mem(2e9, 8e9)] } } },
      '/api/app/acme/api/topology/containers': { nodes: { c1: { id: 'c1', label: 'shop', labelMinor: '', rank: '', parents: onWeb, metrics: [...cpu(25), ...mem(4e9)] } } },
      '/api/app/acme/api/topology/processes': { nodes: { p1: { id: 'p1', label: 'nginx', labelMinor: '', rank: '', parents: [...onWeb, { id: 'c1', label: 'shop', topologyId: 'containers' }], metrics: [...cpu(5), ...mem(1e9)] } } },
    });
    const onSelect = vi.fn();
    render(<ResourceView org="acme" at={null} selected="p1" onSelect={onSelect} />);
    const shop = await screen.findByRole('button', { name: /^shop: / });
    expect(shop.style.width).toBe('25%');
    expect(screen.getByRole('button', { name: 'web: 40.0% of 100.0%' }).style.width).toBe('100%');
    expect(screen.getByRole('button', { name: /^nginx: / }).className).toContain('selected');
    fireEvent.change(screen.getByLabelText('Size by'), { target: { value: 'memory' } });
    expect(screen.getByRole('button', { name: /^shop: / }).style.width).toBe('50%');
    fireEvent.click(screen.getByRole('button', { name: /^nginx: / }));
    expect(onSelect).toHaveBeenCalledWith('processes', 'p1');
    expect(fetch.mock.calls.map((c) => String(c[0]).split('?')[0]).sort()).toEqual([
      '/api/app/acme/api/topology/containers',
      '/api/app/acme/api/topology/hosts',
      '/api/app/acme/api/topology/processes',
    ]);
  });

  it('says what to do when the hosts cannot be read', async () => {
    mockFetch({ '/api/app/acme/api/topology/hosts': { status: 503, body: { code: 503, message: 'the query service is starting' } } });
    render(<ResourceView org="acme" at={null} selected={null} onSelect={() => undefined} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Could not read the hosts: .*Retrying in 10 s/));
  });
});
