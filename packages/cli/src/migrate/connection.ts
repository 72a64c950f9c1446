import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ContainerEnv,
  DB_VARIABLES,
  missingDatabaseVariables,
  readContainerEnv,
} from '@shoestring/contract';
import { type LiquibaseConnection, startLocalPostgres } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';
import { readRuntimeFile } from '../dev/runtime-file.ts';

export interface ConnectionRequest {
  url?: string;
  username?: string;
  passwordEnv: string;
  local: boolean;
  /** The `shoestring dev` data folder, for --local. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export interface ResolvedConnection {
  connection: LiquibaseConnection;
  /** Stops a local cluster this command started itself; a no-op otherwise. */
  release: () => Promise<void>;
}

const nothingToRelease = async () => undefined;

/** Flags first, then the local dev database, then the environment the cloud runners set. */
export async function resolveConnection(request: ConnectionRequest): Promise<ResolvedConnection> {
  if (request.local) return localConnection(request.dataDir);
  const { env } = request;
  const password = env[request.passwordEnv];
  if (request.url) {
    const user = request.username ?? env.DB_USER ?? userFromUrl(request.url);
    if (!user) throw new CliError('No database user: pass --username or set DB_USER.');
    return {
      connection: { url: request.url, user, password: password ?? passwordFromUrl(request.url) ?? '' },
      release: nothingToRelease,
    };
  }
  const { values, problems } = readContainerEnv(env, { only: DB_VARIABLES });
  if (problems.length > 0) throw new CliError(`Bad database settings: ${problems.join('; ')}.`);
  if (values.DATABASE_URL) {
    const url = values.DATABASE_URL;
    return {
      connection: {
        url,
        user: request.username ?? userFromUrl(url) ?? '',
        password: password ?? passwordFromUrl(url) ?? '',
      },
      release: nothingToRelease,
    };
  }
  const lacking = missingDatabaseVariables({ ...env, DB_PASSWORD: password }).map((name) =>
    name === 'DB_PASSWORD' ? request.passwordEnv : name,
  );
  if (lacking.length > 0) {
    throw new CliError(
      `No database to migrate: ${lacking.join(', ')} ${lacking.length === 1 ? 'is' : 'are'} not set. ` +
        'Pass --url (and --username, with the password in $DB_PASSWORD), set DATABASE_URL, or use --local for the `shoestring dev` database.',
    );
  }
  return {
    connection: {
      url: `jdbc:postgresql://${values.DB_HOST}:${values.DB_PORT}/${values.DB_NAME}${jdbcSsl(values)}`,
      user: request.username ?? values.DB_USER ?? '',
      password: password ?? '',
    },
    release: nothingToRelease,
  };
}

/** DB_SSL as pgjdbc's sslmode (the same names as libpq's); verify-full trusts only DB_SSL_ROOT_CERT's CAs. */
function jdbcSsl(values: ContainerEnv): string {
  if (values.DB_SSL === 'disable') return '';
  if (values.DB_SSL === 'require') return '?sslmode=require';
  const rootCert = values.DB_SSL_ROOT_CERT ?? '';
  if (!existsSync(rootCert)) throw new CliError(`DB_SSL_ROOT_CERT ${rootCert} does not exist.`);
  return `?sslmode=verify-full&sslrootcert=${encodeURIComponent(rootCert)}`;
}

async function localConnection(dataDir: string): Promise<ResolvedConnection> {
  const running = await readRuntimeFile(dataDir);
  if (running) return { connection: running.database, release: nothingToRelease };
  if (!existsSync(join(dataDir, 'postgres', 'credentials.json'))) {
    throw new CliError(`There is no local database in ${dataDir} yet: run \`npm start\` once first.`);
  }
  const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres') });
  return {
    connection: { url: postgres.url, user: postgres.user, password: postgres.password },
    release: () => postgres.stop(),
  };
}

function userFromUrl(url: string): string | undefined {
  if (url.startsWith('jdbc:')) return undefined;
  return decodeURIComponent(new URL(url).username) || undefined;
}

function passwordFromUrl(url: string): string | undefined {
  if (url.startsWith('jdbc:')) return undefined;
  return decodeURIComponent(new URL(url).password) || undefined;
}
