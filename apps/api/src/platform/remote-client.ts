import { isSpanContextValid, trace } from '@opentelemetry/api';
import pRetry, { AbortError } from 'p-retry';
import { INTERNAL_TOKEN_HEADER } from './endpoint.ts';
import { AppError, type ErrorFactory, UpstreamUnavailableError } from './errors.ts';
import { currentRequestContext, fallbackTraceparent } from './request-context.ts';

/** How a facade reaches a module in another process. */
export interface RemoteFacadeOptions {
  /** INTERNAL_API_TOKEN, sent on every call: the remote module's internal routes require it. */
  readonly internalToken?: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

export interface RemoteClientOptions extends RemoteFacadeOptions {
  /** Base URL of the process serving the module, e.g. http://catalog.shop.internal:8080. */
  readonly baseUrl: string;
  /** The remote module's name, for error messages. */
  readonly module: string;
  /** The remote module's error codes, mapped back to the same typed errors the in-process facade throws. */
  readonly errors: Readonly<Record<string, ErrorFactory>>;
  /** Extra attempts for idempotent calls after a network error or a 502/503/504. @default 2 */
  readonly retries?: number;
}

export interface RemoteRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** Only idempotent calls are retried: a retried non-idempotent call could act twice. */
  readonly idempotent: boolean;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** A failed attempt worth repeating: a network error, a timeout, or a 502/503/504 before the last attempt. */
class RetryableFailure extends Error {}

/** A small JSON-over-HTTP client for module facades bound to another process. */
export function createRemoteClient(options: RemoteClientOptions) {
  const timeoutMs = options.timeoutMs ?? 3000;
  const retries = options.retries ?? 2;

  return async function call<T>(request: RemoteRequest): Promise<T> {
    const attempts = request.idempotent ? retries + 1 : 1;
    const attempt = async (attemptNumber: number): Promise<T> => {
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}${request.path}`, {
          method: request.method,
          headers: outgoingHeaders(request.body !== undefined, options.internalToken),
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new RetryableFailure(
          error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        );
      }
      if (response.status === 204) return undefined as T;
      if (response.ok) return (await response.json()) as T;
      if (RETRYABLE_STATUS.has(response.status) && attemptNumber < attempts) {
        await response.body?.cancel();
        throw new RetryableFailure(`HTTP ${response.status}`);
      }
      throw new AbortError(await errorFromResponse(response, options));
    };
    // Backoff of 100 ms, then 200 ms: short enough to ride out a task replacement within the caller's own timeout.
    return pRetry(attempt, {
      retries: attempts - 1,
      minTimeout: 100,
      factor: 2,
      shouldRetry: ({ error }) => error instanceof RetryableFailure,
    }).catch((error: unknown) => {
      if (!(error instanceof RetryableFailure)) throw error;
      throw new UpstreamUnavailableError(
        `The ${options.module} module at ${options.baseUrl} did not answer ${request.method} ${request.path} (${error.message}).`,
      );
    });
  };
}

function outgoingHeaders(hasBody: boolean, internalToken: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (internalToken) headers[INTERNAL_TOKEN_HEADER] = internalToken;
  if (hasBody) headers['content-type'] = 'application/json';
  const request = currentRequestContext();
  if (request) headers['x-request-id'] = request.requestId;
  // With tracing on, the undici instrumentation injects `traceparent` itself (a second one would corrupt it).
  const span = trace.getActiveSpan()?.spanContext();
  if (request && !(span && isSpanContextValid(span))) headers.traceparent = fallbackTraceparent(request);
  return headers;
}

async function errorFromResponse(response: Response, options: RemoteClientOptions): Promise<AppError> {
  const text = await response.text();
  let problem: { code?: unknown; detail?: unknown } = {};
  try {
    problem = JSON.parse(text);
  } catch {}
  const detail = typeof problem.detail === 'string' ? problem.detail : `HTTP ${response.status}`;
  const factory = typeof problem.code === 'string' ? options.errors[problem.code] : undefined;
  if (factory) return factory(detail);
  if (response.status >= 400 && response.status < 500 && typeof problem.code === 'string') {
    return new AppError(problem.code, response.status, detail);
  }
  return new UpstreamUnavailableError(
    `The ${options.module} module answered HTTP ${response.status}: ${detail}`,
  );
}
