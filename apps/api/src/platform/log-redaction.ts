import pino from 'pino';

/** Keys whose values never reach a log line, wherever they appear in the first three levels of a logged object. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-internal-token',
  'connectionString',
  'databaseUrl',
]);

export const REDACTED = '[REDACTED]';
const DEPTH = 3;

/**
 * `value` with every SECRET_KEYS value in its first three levels replaced by REDACTED (errors serialised first by
 * pino's `err` serialiser, so their own properties are checked too; see `serializeError`). Objects are copied only where something
 * is replaced, so a line without secrets costs a look-up per key: pino's path-based `redact` with wildcards walked
 * and stringified every value of every line, the largest single cost of a request line in the profile (ADR 0130).
 */
export function redactSecrets<T>(value: T, depth = 1): T {
  if (value instanceof Error) return redactSecrets(pino.stdSerializers.err(value) as T, depth);
  if (typeof value !== 'object' || value === null || depth > DEPTH) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const inner = source[key];
    const replaced = SECRET_KEYS.has(key) ? REDACTED : redactSecrets(inner, depth + 1);
    if (replaced === inner) continue;
    copy ??= Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...source };
    copy[key] = replaced;
  }
  return (copy ?? value) as T;
}

/** pino's `err` serialiser for errors that `redactSecrets` has not serialised already (it runs first). */
export function serializeError(value: unknown): unknown {
  return value instanceof Error ? redactSecrets(value) : value;
}
