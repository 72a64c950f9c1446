/**
 * The process configuration, read from the environment once at start (`loadConfig`) and then passed in.
 * `process.env` is read nowhere else. The variables, their types and defaults are the container contract
 * (`CONTAINER_ENV` in @shoestring/contract); every problem is collected so one failed start lists them all.
 */
import { readFileSync } from 'node:fs';
import {
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
