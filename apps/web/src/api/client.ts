import { API_PREFIX } from '@shoestring/contract';
import { ApiProblem, networkProblem, problemFromResponse } from './problem.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The API base: same-origin `/api` unless the build sets `VITE_API_BASE` (a separate API domain). */
export const DEFAULT_API_BASE: string = import.meta.env.VITE_API_BASE || API_PREFIX;

/** Joins a base (with or without a trailing slash) and a path that starts with `/`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The signed-in user's access token at the moment of a call, or null for an anonymous one. */
export type AccessToken = () => string | null;

/**
 * Sends one JSON request; resolves with the parsed body or rejects with an ApiProblem, never anything else.
 * A signed-in user's calls carry `Authorization: Bearer <access token>`.
 */
export function createRequester(
  base: string = DEFAULT_API_BASE,
  fetchImpl: Fetch = (...a) => fetch(...a),
  accessToken: AccessToken = () => null,
  /** Called when the API refuses a token it was sent (401): it expired or was revoked. */
  onTokenRefused: () => void = () => {},
) {
  return async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(joinUrl(base, path), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiProblem(networkProblem(error));
    }
    if (token && response.status === 401) onTokenRefused();
    if (!response.ok) throw new ApiProblem(await problemFromResponse(response));
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiProblem({
        title: 'The shop sent an answer we could not read',
        status: response.status,
        detail: `Expected JSON from ${path}. Reload the page; if it persists the API may be misconfigured.`,
      });
    }
  };
}

export type Requester = ReturnType<typeof createRequester>;
