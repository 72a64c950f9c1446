import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';
import { type LocalSystem, startLocalSystem } from '../dev/local-system.ts';
import { removeRuntimeFile, writeRuntimeFile } from '../dev/runtime-file.ts';
import { describeServices } from '../dev/service-plan.ts';
import { loadStage } from '../dev/stage-config.ts';

const HELP = `Usage: shoestring dev [--stage NAME] [--port 3000] [--host 127.0.0.1] [--data-dir .shoestring] [--observe] [--no-demo-data]

Runs the whole system locally: PostgreSQL (embedded), the Liquibase migrations, the API, the site, and one
gateway port that plays CloudFront + API Gateway (/api/* -> API, everything else -> the site).

Options:
  --stage NAME    run a stage's services (shoestring.config.ts, or the file $SHOESTRING_CONFIG names) as the
                  cloud does: one API process each, over HTTP         default: one process, every module
  --port N        the gateway's port (0 = any free port)              default 3000
  --host H        the address the gateway listens on                 default 127.0.0.1
  --data-dir DIR  where PostgreSQL's data, credentials and logs live  default .shoestring at the repo root
  --observe       also run a trace receiver and Prometheus (apt-get install -y prometheus); see docs/observability.md
  --no-demo-data  leave a new database's catalog empty (by default it gets six DEMO- products)
  -h, --help      this text`;

/** Printed for --help and, by main, after an unknown option. */
export const usage = HELP;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stage: { type: 'string' },
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      observe: { type: 'boolean', default: false },
      'demo-data': { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowNegative: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  const stage = values.stage === undefined ? undefined : await loadStage(values.stage);
  const root = repoRoot();
  const dataDir = resolve(values['data-dir'] ?? resolve(root, '.shoestring'));
  // Listen for Ctrl-C and SIGTERM from the first moment: a signal during start must still stop what has started.
  const shutdown = stopOnSignals();
  const started = performance.now();
  let system: LocalSystem;
  try {
    system = await startLocalSystem({
      repoRoot: root,
      dataDir,
      port,
      host: values.host,
      signal: shutdown.signal,
      observe: values.observe,
      demoData: values['demo-data'],
      stage,
      progress: (line) => console.log(`${elapsed(started).padStart(6)} · ${line}`),
    });
  } catch (error) {
    if (!shutdown.signal.aborted) throw error;
    console.log('Stopped before the system was ready; nothing is left running.');
    return 0;
  }
  const pg = system.postgres;
  console.log(
    `  · database postgres://${pg.user}:****@${pg.host}:${pg.port}/${pg.database} (password in ${dataDir}/postgres/credentials.json)`,
  );
  for (const service of system.services) {
    console.log(`  · service ${service.name} on ${service.api.origin}, log: ${service.logFile}`);
  }
  for (const line of system.observe?.describe() ?? []) console.log(`  · ${line}`);
  const where =
    pg.pgdata === resolve(dataDir, 'postgres', 'pgdata')
      ? dataDir
      : `${dataDir} (PostgreSQL cluster in ${pg.pgdata})`;
  await writeRuntimeFile(dataDir, {
    pid: process.pid,
    url: system.url,
    services: Object.fromEntries(
      system.services.map((s) => [s.name, { modules: [...s.modules], origin: s.api.origin }]),
    ),
    database: { url: pg.url, user: pg.user, password: pg.password },
  });
  console.log(
    `Shoestring is ready at ${system.url} in ${elapsed(started)} (${system.coldStart ? 'cold' : 'warm'} start); data in ${where}; services: ${describeServices(system.services)}. Ctrl-C stops everything.`,
  );
  // A signal may have come while the lines above were written: then there is nothing to wait for.
  if (!shutdown.signal.aborted) {
    await new Promise((resolvePromise) =>
      shutdown.signal.addEventListener('abort', resolvePromise, { once: true }),
    );
  }
  await system.stop();
  await removeRuntimeFile(dataDir);
  console.log('Stopped.');
  return 0;
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/**
 * Aborts on the first SIGINT or SIGTERM. A second Ctrl-C while stopping exits at once (a person in a hurry);
 * a repeated SIGTERM is ignored, since process managers and tool chains may deliver it more than once.
 */
function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      if (signal === 'SIGTERM') return;
      console.error(`Received ${signal} again: exiting without waiting.`);
      process.exit(130);
    }
    console.log(`\nStopping (${signal}): gateway, API, PostgreSQL...`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller;
}
