import { vi } from 'vitest';

type Handler = (url: string, init?: RequestInit) => unknown;

/**
 * Replaces fetch with answers by route: "PATH-PREFIX" or "METHOD PATH-PREFIX", longest first.
 * An answer shaped `{status, body}` sets the status; anything else is a 200 JSON body.
 */
export function mockFetch(routes: Record<string, unknown>): ReturnType<typeof vi.fn> {
  const keys = Object.keys(routes).sort((a, b) => b.length - a.length);
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const key = keys.find((k) => {
      const [m, p] = k.includes(' ') ? k.split(' ', 2) : [null, k];
      return (!m || m === method) && url.startsWith(p);
    });
    if (!key) return new Response(JSON.stringify({ code: 404, message: `no route ${url}` }), { status: 404 });
    const r = routes[key];
    const v = typeof r === 'function' ? (r as Handler)(url, init) : r;
    if (v && typeof v === 'object' && 'status' in v && 'body' in v) {
      const s = v as { status: number; body: unknown };
      return new Response(JSON.stringify(s.body), { status: s.status });
    }
    return new Response(v === undefined ? '' : JSON.stringify(v), { status: 200 });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}
