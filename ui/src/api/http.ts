// Same-origin JSON over fetch. The session is an HttpOnly cookie; every state-changing request
// carries the session's CSRF token, which the app learns from GET /api/session or sign-in.

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** An answer other than 2xx, with the server's own words when it gave any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Dropwizard answers {code, message} or {errors: [...]}; Scope answers a bare JSON string. */
export function errorMessage(status: number, body: string): string {
  const text = body.trim();
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string' && parsed.trim()) return parsed.trim();
      if (parsed && typeof parsed === 'object') {
        const o = parsed as { message?: unknown; errors?: unknown; error?: unknown };
        if (typeof o.message === 'string') return o.message;
        if (Array.isArray(o.errors)) return o.errors.map(String).join('; ');
        if (typeof o.error === 'string') return o.error;
      }
    } catch {
      if (text.length < 300 && !text.startsWith('<')) return text;
    }
  }
  // The server said nothing useful: say what the status means for the user, and what to do.
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'Your role in this organisation does not allow that. Ask one of its admins.';
  if (status === 404) return 'It is not there any more, or it is not yours to see. Reload the page.';
  if (status === 429) return 'Too many requests. Wait a minute, then try again.';
  if (status >= 500) return `Scope Cloud could not do that just now (HTTP ${status}). Try again in a moment.`;
  return `The request was refused (HTTP ${status}). Reload the page and try again.`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach Scope Cloud. Check your connection.');
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(response.status, errorMessage(response.status, text));
  if (!text) return undefined as T;
  return JSON.parse(text) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** ws:// or wss:// for a same-origin path. */
export function wsUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${path}`;
}
