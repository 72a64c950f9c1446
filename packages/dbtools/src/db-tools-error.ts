/**
 * An error from the local database tooling that a person can act on: the message says what went wrong and how
 * to fix it. Callers print `message` alone, never the stack.
 */
export class DbToolsError extends Error {
  constructor(
    message: string,
    /** A stable code callers can branch on. */
    readonly code:
      | 'JAVA_MISSING'
      | 'JAVA_TOO_OLD'
      | 'PG_VERSION_MISMATCH'
      | 'PG_PORT_IN_USE'
      | 'PG_START_FAILED'
      | 'PG_ALREADY_RUNNING'
      | 'LIQUIBASE_FAILED'
      | 'LIQUIBASE_CHECKSUM_MISMATCH'
      | 'DB_UNREACHABLE'
      | 'SERVER_START_FAILED',
    /** Extra facts, e.g. the failing changeset id. */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DbToolsError';
  }
}
