/**
 * The process configuration, read from the environment once at start (`loadConfig`) and then passed in.
 * `process.env` is read nowhere else. The variables, their types and defaults are the container contract
 * (`CONTAINER_ENV` in @shoestring/contract); every problem is collected so one failed start lists them all.
 */
import { readFileSync } from 'node:fs';
import {
  API_AUTH_ENV,
  type DbSslMode,
  type ModuleSpec,
  missingDatabaseProblem,
  missingDatabaseVariables,
  readContainerEnv,
  readTopology,
} from '@shoestring/contract';

export type { ModuleSpec };

export interface DatabaseConfig {
  /** postgres:// URL; when absent the discrete DB_* fields are used (the cloud injects DB_PASSWORD as a secret). */
  readonly connectionString?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly sslMode: DbSslMode;
  /** PEM text of the CAs the server's certificate must chain to (DB_SSL_ROOT_CERT), with `verify-full`. */
  readonly ca?: string;
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

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env, moduleSpecs: readonly ModuleSpec[]): AppConfig {
  const { values, problems } = readContainerEnv(env);
  const { modules, remoteModules, problems: topologyProblems } = readTopology(values, moduleSpecs);
  const missing = missingDatabaseVariables(env);
  if (missing.length > 0) problems.push(missingDatabaseProblem(missing));
  problems.push(...topologyProblems);
  const ca = values.DB_SSL === 'verify-full' ? readRootCert(values.DB_SSL_ROOT_CERT, problems) : undefined;
  const auth = readAuth(env, Object.keys(remoteModules).length > 0, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const database: DatabaseConfig = {
    sslMode: values.DB_SSL,
    ...(ca ? { ca } : {}),
    statementTimeoutMs: values.DB_STATEMENT_TIMEOUT_MS,
    ...(values.DATABASE_URL
      ? { connectionString: values.DATABASE_URL }
      : {
          host: values.DB_HOST,
          port: values.DB_PORT,
          database: values.DB_NAME,
          user: values.DB_USER,
          password: values.DB_PASSWORD,
        }),
  };
  return {
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    database,
    ...(values.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
    serviceName: values.OTEL_SERVICE_NAME,
    drainSeconds: values.DRAIN_SECONDS,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    modules,
    remoteModules,
    auth,
  };
}

/** Read once at start, so a wrong path is a configuration problem and not a failed connection later. */
function readRootCert(file: string | undefined, problems: string[]): string | undefined {
  if (!file) return undefined; // the contract already reported it as missing
  try {
    const pem = readFileSync(file, 'utf8');
    if (pem.includes('-----BEGIN CERTIFICATE-----')) return pem;
    problems.push(`DB_SSL_ROOT_CERT must be a PEM file of CA certificates (${file} holds none)`);
  } catch (error) {
    problems.push(`DB_SSL_ROOT_CERT cannot be read: ${(error as Error).message}`);
  }
  return undefined;
}

/** Shortest INTERNAL_API_TOKEN accepted: 32 characters, e.g. `openssl rand -hex 16` or longer. */
export const MIN_INTERNAL_TOKEN_LENGTH = 32;

function readAuth(env: Env, callsRemoteModules: boolean, problems: string[]): AuthConfig {
  const {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUrl: JWKS_URL,
    internalToken: INTERNAL_TOKEN,
  } = API_AUTH_ENV;
  const issuer = authUrl(env, ISSUER, problems);
  const audiences = (env[AUDIENCE] ?? '')
    .split(',')
    .map((audience) => audience.trim())
    .filter(Boolean);
  if (issuer && audiences.length === 0)
    problems.push(`${AUDIENCE} must list the accepted client ids (comma-separated) when ${ISSUER} is set`);
  if (!issuer && (audiences.length > 0 || env[JWKS_URL]))
    problems.push(`${AUDIENCE} and ${JWKS_URL} need ${ISSUER} (the token issuer URL)`);
  const jwksUrl =
    authUrl(env, JWKS_URL, problems) ?? (issuer && `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  const internalToken = env[INTERNAL_TOKEN] || undefined;
  if (internalToken !== undefined && internalToken.length < MIN_INTERNAL_TOKEN_LENGTH)
    problems.push(`${INTERNAL_TOKEN} must be at least ${MIN_INTERNAL_TOKEN_LENGTH} characters`);
  if (callsRemoteModules && internalToken === undefined)
    problems.push(
      `${INTERNAL_TOKEN} must be set (the same value in every service) when a <MODULE>_URL is set`,
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
