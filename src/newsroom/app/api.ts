import type { SessionDoc } from './types';

/** An error answer of the admin API: `{"error":{"code","message","field"?}}` and its status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly body: unknown;

  constructor(options: { status: number; code: string; message: string; field?: string; body?: unknown }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.body = options.body;
  }
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  ifMatch?: number | string;
  query?: Record<string, string | number | undefined>;
}

export interface Api {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: RequestOptions['query']): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  setSession(session: SessionDoc | undefined): void;
  csrfToken(): string;
}

const storageKey = 'lede-newsroom-csrf';

/**
 * The one door to `/newsroom/api/v1/`: same-origin cookie session, and the CSRF token (from the
 * login answer, kept for the tab in sessionStorage) on every state-changing request.
 */
export function createApi(options: { base: string; onUnauthorised: () => void; onTotpRequired: () => void }): Api {
  let csrf = sessionStorage.getItem(storageKey) ?? '';

  async function request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    const url = new URL(`${options.base}/${path.replace(/^\//, '')}`, location.origin);
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD' && csrf) headers['x-csrf-token'] = csrf;
    if (request.ifMatch !== undefined) headers['if-match'] = `"${request.ifMatch}"`;
    let body: BodyInit | undefined;
    if (request.form) body = request.form;
    else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
      const failure = new ApiError({
        status: response.status,
        code: error?.code ?? `HTTP_${response.status}`,
        message: error?.message ?? (response.statusText || `request failed (${response.status})`),
        field: error?.field,
        body: data,
      });
      if (response.status === 401 && path !== 'session') options.onUnauthorised();
      if (failure.code === 'LEDE_AUTH_TOTP_REQUIRED' && path !== 'session') options.onTotpRequired();
      throw failure;
    }
    return data as T;
  }

  return {
    request,
    get: (path, query) => request('GET', path, { query }),
    post: (path, body) => request('POST', path, { body: body ?? {} }),
    setSession(session) {
      csrf = session?.csrf_token ?? '';
      if (csrf) sessionStorage.setItem(storageKey, csrf);
      else sessionStorage.removeItem(storageKey);
    },
    csrfToken: () => csrf,
  };
}

/** A readable one-line reason for an error shown to an editor. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.field ? `${error.field}: ${error.message}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
