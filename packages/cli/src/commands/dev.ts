import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';
import { type LocalSystem, startLocalSystem } from '../dev/local-system.ts';
import { removeRuntimeFile, writeRuntimeFile } from '../dev/runtime-file.ts';

const HELP = `Usage: shoestring dev [--port 3000] [--host 127.0.0.1] [--data-dir .shoestring]

Runs the whole system locally: PostgreSQL (embedded), the Liquibase migrations, the API, the site, and one
gateway port that plays CloudFront + API Gateway (/api/* -> API, everything else -> the site).

Options:
  --port N        the gateway's port (0 = any free port)              default 3000
  --host H        the address the gateway listens on                 default 127.0.0.1
  --data-dir DIR  where PostgreSQL's data, credentials and logs live  default .shoestring at the repo root
  -h, --help      this text`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  const root = repoRoot();
  const dataDir = resolve(values['data-dir'] ?? resolve(root, '.shoestring'));
  const started = performance.now();
  const system = await startLocalSystem({
    repoRoot: root,
    dataDir,
    port,
    host: values.host,
    progress: (line) => console.log(`  · ${line}`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const pg = system.postgres;
  console.log(
    `  · database postgres://${pg.user}:****@${pg.host}:${pg.port}/${pg.database} (password in ${dataDir}/postgres/credentials.json)`,
  );
  console.log(`  · API log: ${dataDir}/logs/api.log`);
  console.log(
    `Shoestring is ready at ${system.url} in ${seconds} s (${system.coldStart ? 'cold' : 'warm'} start); data in ${pg.pgdata === resolve(dataDir, 'postgres', 'pgdata') ? dataDir : `${dataDir} (PostgreSQL cluster in ${pg.pgdata})`}. Ctrl-C stops everything.`,
  );
  await writeRuntimeFile(dataDir, {
    pid: process.pid,
    url: system.url,
    apiOrigin: system.api.origin,
    database: { url: pg.url, user: pg.user, password: pg.password },
  });
  await untilSignal(system);
  await removeRuntimeFile(dataDir);
  return 0;
}

/** Waits for Ctrl-C or SIGTERM, then stops every child; a second signal while stopping forces the exit. */
function untilSignal(system: LocalSystem): Promise<void> {
  return new Promise((resolvePromise) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`Received ${signal} again: exiting without waiting.`);
        process.exit(130);
      }
      stopping = true;
      console.log(`\nStopping (${signal}): gateway, API, PostgreSQL...`);
      system.stop().then(() => {
        console.log('Stopped.');
        resolvePromise();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
