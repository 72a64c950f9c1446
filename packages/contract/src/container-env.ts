import { type Static, type TSchema, Type } from 'typebox';
import { MODULE_NAMES } from './modules.ts';

/**
 * The container contract: every environment variable an API process reads, with its type, default, allowed values
 * and meaning. The compute construct writes it (checked at synth), the API's configuration loader reads it, and
 * `shoestring migrate` reads its DB_* part. A new variable is one more property here.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** `verify-full`: TLS, the server's certificate signed by the CA in DB_SSL_ROOT_CERT and issued for DB_HOST. */
export const DB_SSL_MODES = ['disable', 'require', 'verify-full'] as const;
export type DbSslMode = (typeof DB_SSL_MODES)[number];

export type ModuleUrlName = `${string}_URL`;

/** `catalog` -> `CATALOG_URL`: where a module runs when this process does not run it. */
export function moduleUrlVariable(module: string): ModuleUrlName {
  return `${module.toUpperCase()}_URL`;
}

const integer = (minimum: number, maximum: number, fallback: number, description: string) =>
  Type.Integer({ minimum, maximum, default: fallback, description });

/** A URL whose scheme is one of `protocols`; a trailing slash is dropped when read. */
const url = (protocols: readonly string[], description: string) =>
  Type.Optional(
    Type.Refine(Type.String({ description, protocols }), (value) => hasProtocol(value, protocols)),
  );

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const MODULE_URLS = Object.fromEntries(
  MODULE_NAMES.map((name) => [
    moduleUrlVariable(name),
    url(['http:', 'https:'], `Base URL of the ${name} module when another service runs it (Cloud Map).`),
  ]),
) as Record<ModuleUrlName, ReturnType<typeof url>>;

export const CONTAINER_ENV = Type.Object({
  PORT: integer(0, 65535, 8080, 'Listen port.'),
  HOST: Type.String({ default: '0.0.0.0', description: 'Listen address.' }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info', description: 'Pino log level.' }),
  DATABASE_URL: url(
    ['postgres:', 'postgresql:'],
    'postgres://user:password@host:port/db; when unset, the discrete DB_* variables are used.',
  ),
  DB_HOST: Type.Optional(Type.String({ description: 'Database host (the RDS endpoint in the cloud).' })),
  DB_PORT: integer(1, 65535, 5432, 'Database port.'),
  DB_NAME: Type.Optional(Type.String({ description: 'Database name.' })),
  DB_USER: Type.Optional(Type.String({ description: 'Database user.' })),
  DB_PASSWORD: Type.Optional(
    Type.String({
      secret: true,
      description: 'Database password: in the cloud an ECS secret (SSM SecureString or Secrets Manager).',
    }),
  ),
  DB_SSL: Type.Enum(DB_SSL_MODES, {
    default: 'disable',
    description:
      'TLS to the database: disable (local embedded PostgreSQL), require (encrypted, server not verified), ' +
      'verify-full (the cloud: CA and host name verified, ADR 0086).',
  }),
  DB_SSL_ROOT_CERT: Type.Optional(
    Type.String({
      description:
        'PEM file of the CAs that may sign the database certificate; required by verify-full. The images ' +
        'carry the RDS bundle and set it.',
    }),
  ),
  DB_STATEMENT_TIMEOUT_MS: integer(
    1,
    600_000,
    5000,
    'PostgreSQL statement_timeout of every pool connection.',
  ),
  REQUEST_TIMEOUT_MS: integer(1, 600_000, 10_000, 'Per-request budget (Fastify handlerTimeout).'),
  BODY_LIMIT_BYTES: integer(1, 50_000_000, 100_000, 'Larger request bodies get 413.'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(
    ['http:', 'https:'],
    'OTLP/HTTP base URL of the ADOT sidecar (http://localhost:4318); tracing export is off when unset.',
  ),
  OTEL_SERVICE_NAME: Type.String({ default: 'shoestring-api', description: 'service.name of the spans.' }),
  DRAIN_SECONDS: integer(0, 600, 30, 'After SIGTERM: seconds /ready fails while serving continues.'),
  AUTH_ISSUER: Type.Optional(
    Type.String({
      description:
        "Exact `iss` of accepted access tokens (the stage's Cognito pool, the local provider, an external " +
        'issuer); https, or http on a loopback host. Unset: shopper and admin operations refuse everyone.',
    }),
  ),
  AUTH_AUDIENCE: Type.Optional(
    Type.String({
      description: "Comma list of accepted `aud` or `client_id` values (the site's client id).",
    }),
  ),
  AUTH_JWKS_URL: Type.Optional(
    Type.String({ description: "The issuer's signing keys. Default: AUTH_ISSUER + /.well-known/jwks.json." }),
  ),
  INTERNAL_API_TOKEN: Type.Optional(
    Type.String({
      secret: true,
      description:
        'Credential of internal operations between split services (ADR 0101/0112): at least 32 characters, the ' +
        'same in every service; an ECS secret in the cloud.',
    }),
  ),
  MODULES: Type.Optional(
    Type.String({ description: 'Comma list of the modules this process runs; unset, empty or * runs all.' }),
  ),
  ...MODULE_URLS,
});

/** The decoded environment: numbers are numbers, unset variables have their defaults. */
export type ContainerEnv = Static<typeof CONTAINER_ENV>;
export type ContainerEnvName = keyof ContainerEnv & string;
/** The environment as written into a task definition: every value a string (or a CDK token). */
export type ContainerEnvironment = { [Name in ContainerEnvName | ModuleUrlName]?: string };

/** The schema of one variable, or undefined for a name the contract does not know. */
export function variableSchema(name: string): (TSchema & Record<string, unknown>) | undefined {
  return Object.hasOwn(CONTAINER_ENV.properties, name)
    ? (CONTAINER_ENV.properties as unknown as Record<string, TSchema & Record<string, unknown>>)[name]
    : undefined;
}

/** The discrete connection settings that must all be set when DATABASE_URL is not. */
export const DB_DISCRETE_REQUIRED = ['DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD'] as const;
/** What `shoestring migrate` reads (the password may come from another variable, --password-env). */
export const DB_VARIABLES = [
  'DATABASE_URL',
  'DB_HOST',
  'DB_PORT',
  'DB_NAME',
  'DB_USER',
  'DB_PASSWORD',
  'DB_SSL',
  'DB_SSL_ROOT_CERT',
] as const satisfies readonly ContainerEnvName[];
