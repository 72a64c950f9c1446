/**
 * The one error type of the API layer. A module subclasses it per failure (`CatalogOutOfStockError`) so callers can
 * `instanceof` them, the error handler turns them into problem+json, and remote clients turn problem+json back.
 */
export class AppError extends Error {
  constructor(
    /** Stable, documented code, e.g. `CATALOG_OUT_OF_STOCK`. */
    readonly code: string,
    /** HTTP status the error maps to. */
    readonly status: number,
    /** Human-readable explanation of this occurrence. */
    readonly detail: string,
    /** Short summary of the problem type. */
    readonly title: string = defaultTitle(status),
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super('NOT_FOUND', 404, detail);
  }
}

/** A module served by another process could not be reached or answered with an unexpected response. */
export class UpstreamUnavailableError extends AppError {
  constructor(detail: string) {
    super('UPSTREAM_UNAVAILABLE', 503, detail, 'Upstream service unavailable');
  }
}

/** Maps a problem+json `code` back to a typed error; the modules list their codes. */
export type ErrorFactory = (detail: string) => AppError;

/** A module's error type: `new CatalogOutOfStockError(detail)`, `instanceof` works, `code` is known statically. */
export interface ModuleErrorClass {
  new (detail: string): AppError;
  readonly code: string;
}

/** Declares one module error type; the name is what logs and stack traces show. */
export function defineError(name: string, code: string, status: number, title: string): ModuleErrorClass {
  const errorClass = class extends AppError {
    static readonly code = code;
    constructor(detail: string) {
      super(code, status, detail, title);
      this.name = name;
    }
  };
  Object.defineProperty(errorClass, 'name', { value: name });
  return errorClass;
}

/** The code -> constructor table a remote client needs to rebuild a module's errors from problem+json. */
export function errorFactories(classes: readonly ModuleErrorClass[]): Record<string, ErrorFactory> {
  return Object.fromEntries(
    classes.map((errorClass) => [errorClass.code, (detail: string) => new errorClass(detail)]),
  );
}

export function defaultTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Unprocessable content',
    500: 'Internal server error',
    503: 'Service unavailable',
  };
  return titles[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}
