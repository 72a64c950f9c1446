import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    return {
      connection: {
        url,
        user: request.username ?? userFromUrl(url) ?? '',
        password: password ?? passwordFromUrl(url) ?? '',
      },
      release: nothingToRelease,
    };
  }
  const missing = ['DB_HOST', 'DB_NAME', 'DB_USER'].filter((name) => !env[name]);
  if (missing.length > 0 || password === undefined) {
    const lacking = [...missing, ...(password === undefined ? [request.passwordEnv] : [])];
    throw new CliError(
      `No database to migrate: ${lacking.join(', ')} ${lacking.length === 1 ? 'is' : 'are'} not set. ` +
        'Pass --url (and --username, with the password in $DB_PASSWORD), set DATABASE_URL, or use --local for the `shoestring dev` database.',
    );
  }
  const ssl = env.DB_SSL === 'require' ? '?sslmode=require' : '';
  return {
    connection: {
      url: `jdbc:postgresql://${env.DB_HOST}:${env.DB_PORT ?? '5432'}/${env.DB_NAME}${ssl}`,
      user: request.username ?? env.DB_USER ?? '',
      password,
    },
    release: nothingToRelease,
  };
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
