/**
 * The process configuration, read from the environment once at start (`loadConfig`) and then passed in.
 * `process.env` is read nowhere else. Every problem is collected so one failed start lists them all.
 */

export interface DatabaseConfig {
  /** postgres:// URL; when absent the discrete DB_* fields are used (the cloud injects DB_PASSWORD as a secret). */
  readonly connectionString?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly ssl: boolean;
  readonly statementTimeoutMs: number;
}

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  /** OTLP/HTTP base URL (the ADOT sidecar, e.g. http://localhost:4318); tracing export is off when absent. */
  readonly otlpEndpoint?: string;
  readonly serviceName: string;
  readonly drainSeconds: number;
  readonly requestTimeoutMs: number;
  readonly bodyLimitBytes: number;
  /** Modules served by this process. */
  readonly modules: readonly string[];
  /** Base URLs of modules served by another process, keyed by module name. */
  readonly remoteModules: Readonly<Record<string, string>>;
  readonly auth: AuthConfig;
}

/** Who may call what (ADR 0100): the token issuer users sign in with, and the credential between services. */
export interface AuthConfig {
  /**
   * AUTH_ISSUER: the exact `iss` of accepted access tokens (a Cognito user pool, the local provider, Auth0...).
   * Absent: no token is accepted, so shopper and admin routes refuse everyone (secure by default).
   */
  readonly issuer?: string;
  /** AUTH_AUDIENCE: accepted `aud` or `client_id` values (Cognito access tokens carry only `client_id`). */
  readonly audiences: readonly string[];
  /** AUTH_JWKS_URL @default `${issuer}/.well-known/jwks.json`, where Cognito serves its keys */
  readonly jwksUrl?: string;
  /** INTERNAL_API_TOKEN: the credential remote facades send and internal routes require; absent: none pass. */
  readonly internalToken?: string;
}

/** What the configuration needs to know about the modules, supplied by the app wiring (platform knows no module). */
export interface ModuleSpec {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env, moduleSpecs: readonly ModuleSpec[]): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number =>
    readInt(env, name, fallback, min, max, problems);

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const otlpEndpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:'], problems);
  const { modules, remoteModules } = readTopology(env, moduleSpecs, problems);

  const config: AppConfig = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
    database: readDatabase(env, problems, int('DB_STATEMENT_TIMEOUT_MS', 5000, 1, 600_000)),
    ...(otlpEndpoint ? { otlpEndpoint } : {}),
    serviceName: env.OTEL_SERVICE_NAME ?? 'shoestring-api',
    drainSeconds: int('DRAIN_SECONDS', 30, 0, 600),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 10_000, 1, 600_000),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 100_000, 1, 50_000_000),
    modules,
    remoteModules,
    auth: readAuth(env, Object.keys(remoteModules).length > 0, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function optionalUrl(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (protocols.includes(url.protocol)) return raw.replace(/\/+$/, '');
  } catch {}
  problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${raw}")`);
  return undefined;
}

function readDatabase(env: Env, problems: string[], statementTimeoutMs: number): DatabaseConfig {
  const sslMode = env.DB_SSL ?? 'disable';
  if (sslMode !== 'require' && sslMode !== 'disable') {
    problems.push(`DB_SSL must be "require" or "disable" (got "${sslMode}")`);
  }
  const common = { ssl: sslMode === 'require', statementTimeoutMs };
  const connectionString = optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  if (connectionString) return { connectionString, ...common };
  if (env.DATABASE_URL) return common; // already reported as malformed

  const missing = ['DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD'].filter((name) => !env[name]);
  if (missing.length > 0) {
    problems.push(
      `set DATABASE_URL (postgres://user:password@host:port/db) or all of DB_HOST, DB_NAME, DB_USER, DB_PASSWORD (missing: ${missing.join(', ')})`,
    );
  }
  return {
    ...common,
    host: env.DB_HOST,
    port: readInt(env, 'DB_PORT', 5432, 1, 65535, problems),
    database: env.DB_NAME,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  };
}

function readTopology(env: Env, specs: readonly ModuleSpec[], problems: string[]) {
  const known = specs.map((spec) => spec.name);
  // Unset, empty or `*` means every module (the infra config's `['*']`).
  const requested = (env.MODULES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && name !== '*');
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    problems.push(`MODULES lists unknown modules: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const modules = requested.length > 0 ? known.filter((name) => requested.includes(name)) : known;

  const remoteModules: Record<string, string> = {};
  for (const name of known) {
    const variable = `${name.toUpperCase()}_URL`;
    const url = optionalUrl(env, variable, ['http:', 'https:'], problems);
    if (url && modules.includes(name))
      problems.push(`${variable} is set but ${name} runs in this process (MODULES); remove one of them`);
    else if (url) remoteModules[name] = url;
  }
  for (const spec of specs.filter((s) => modules.includes(s.name))) {
    for (const dependency of spec.dependsOn) {
      if (!modules.includes(dependency) && !remoteModules[dependency]) {
        problems.push(
          `${spec.name} needs ${dependency}: add it to MODULES or set ${dependency.toUpperCase()}_URL`,
        );
      }
    }
  }
  return { modules, remoteModules };
}

/** Shortest INTERNAL_API_TOKEN accepted: 32 characters, e.g. `openssl rand -hex 16` or longer. */
export const MIN_INTERNAL_TOKEN_LENGTH = 32;

function readAuth(env: Env, callsRemoteModules: boolean, problems: string[]): AuthConfig {
  const issuer = authUrl(env, 'AUTH_ISSUER', problems);
  const audiences = (env.AUTH_AUDIENCE ?? '')
    .split(',')
    .map((audience) => audience.trim())
    .filter(Boolean);
  if (issuer && audiences.length === 0)
    problems.push(
      'AUTH_AUDIENCE must list the accepted client ids (comma-separated) when AUTH_ISSUER is set',
    );
  if (!issuer && (audiences.length > 0 || env.AUTH_JWKS_URL))
    problems.push('AUTH_AUDIENCE and AUTH_JWKS_URL need AUTH_ISSUER (the token issuer URL)');
  const jwksUrl =
    authUrl(env, 'AUTH_JWKS_URL', problems) ??
    (issuer && `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  const internalToken = env.INTERNAL_API_TOKEN || undefined;
  if (internalToken !== undefined && internalToken.length < MIN_INTERNAL_TOKEN_LENGTH)
    problems.push(`INTERNAL_API_TOKEN must be at least ${MIN_INTERNAL_TOKEN_LENGTH} characters`);
  if (callsRemoteModules && internalToken === undefined)
    problems.push(
      'INTERNAL_API_TOKEN must be set (the same value in every service) when a <MODULE>_URL is set',
    );
  return { ...(issuer ? { issuer, jwksUrl } : {}), audiences, ...(internalToken ? { internalToken } : {}) };
}

/** An issuer or key URL: https, or http on a loopback host (the local provider). Kept exactly: `iss` must match. */
function authUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return raw;
  } catch {}
  problems.push(`${name} must be an https URL, or http on localhost (got "${raw}")`);
  return undefined;
}
