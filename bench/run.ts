/**
 * `npm run bench`: the API's production build against a raw node:http + pg baseline running the same SQL, on the
 * same seeded PostgreSQL, in the same run; then both again pinned to one CPU. Prints a table and writes
 * bench/results/<timestamp>.json and .md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { API_DIST_ENTRY, repoRoot, type ServerProcess, startApiProcess } from '@shoestring/dbtools';
import { TestIssuer } from '../apps/api/test/helpers/token-issuer.ts';
import { findSqlDrift } from './baseline/sql-drift.ts';
import { startMigratedPostgres } from './harness/postgres.ts';
import { seedShop, signIn } from './harness/seed.ts';
import { BENCH_CASES, type BenchCase } from './lib/cases.ts';
import { type Measurement, measure, type ServerKind } from './lib/measure.ts';
import { startBaseline, startFastifyFloor } from './lib/reference-servers.ts';
import { compare, describeMachine, summaryTable } from './lib/report.ts';
import { measureTokenVerification, type TokenCost, tokenCostLine } from './lib/token-cost.ts';

const USAGE = `Usage: npm run bench -- [options]

  --duration <s>      measured seconds per case, server and round (default 3)
  --rounds <n>        alternating rounds per case; the table shows the median (default 3)
  --warmup <s>        unmeasured seconds before each measurement (default 1)
  --connections <n>   concurrent autocannon connections (default 10)
  --rate <n>          send every server the same n requests per second instead of as many as it answers: on a
                      busy machine CPU per request at one rate compares servers better than their rps
  --paired            load every server at the same time, each with its own autocannon at --rate (default per
                      case: ${BENCH_CASES.map((c) => `${c.name} ${c.pairedRate}`).join(', ')}), and compare CPU
                      per request round by round: on a host whose speed changes from minute to minute, the only
                      way to compare servers fairly (their rps are then all the rate); single rounds still move
                      by some 20 % on a busy host, so take --rounds 7 or more
  --cpu <n>           CPU for the pinned runs, via taskset -c (default 0)
  --cases <list>      comma-separated subset of ${BENCH_CASES.map((c) => c.name).join(', ')}
  --log-level <lvl>   the API's LOG_LEVEL, as in production (default info)
  --floor             also measure bare Fastify with the API's schemas and prepared statements
                      (bench/baseline/fastify-floor.ts), for the catalog reads: what Fastify costs, and the platform
  --before <file>     also measure another build of the API in the same run (its dist/server.js, e.g. of the
                      previous commit), to compare commits on a busy machine
  --label <text>      written into the results files, e.g. "busy machine: 8 other sessions building"
  --skip-build        use the existing apps/api/dist instead of running npm run build -w @shoestring/api
  --help              show this help`;

/** A mistake in the command line: printed with the usage. */
class UsageError extends Error {}
/** Something to fix before benchmarking (build, SQL drift): printed alone. */
class BenchError extends Error {}

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<number> {
  const options = readOptions();
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const drift = findSqlDrift(options.cases.flatMap((c) => c.statements));
  if (drift.length > 0) {
    throw new BenchError(
      `The baseline's SQL no longer matches the API for: ${drift.join(', ')}. Copy the API's current statements into bench/baseline/sql.ts.`,
    );
  }
  // Read before the long run, in which the checkout may change.
  const commit = describeCommit();
  buildApi(options.skipBuild);

  progress('starting PostgreSQL and running the Liquibase changelog');
  const db = await startMigratedPostgres({ fast: true });
  // The API checks every token against a real issuer's keys, as it does in the cloud.
  const issuer = await TestIssuer.start();
  const measurements: Measurement[] = [];
  let tokenCost: TokenCost | undefined;
  const startedAt = new Date();
  try {
    const seeded = await seedShop(db.url, { products: 1000, customers: 100 });
    const shop = await signIn(seeded, (sub) => issuer.token({ sub }));
    progress(`seeded ${shop.productIds.length} products and ${shop.customerIds.length} customers`);
    progress('measuring the CPU of one token verification');
    tokenCost = await measureTokenVerification(issuer.env, shop.customerTokens);
    for (const cpu of [null, options.cpu]) {
      const started = await startServers(db.url, cpu, { ...options, authEnv: issuer.env });
      try {
        for (const benchCase of options.cases) {
          const servers = started.filter((server) => server.kind !== 'fastify-floor' || benchCase.floor);
          for (let round = 1; round <= options.rounds; round++) {
            const where = `CPUs: ${cpu === null ? 'all' : cpu}, round ${round}/${options.rounds}`;
            if (options.paired) {
              progress(`${benchCase.name} on every server at once, ${where} (${options.durationSeconds} s)`);
              await benchCase.prepare?.(db.url, shop);
              const rate = { ...options, rate: options.rate ?? benchCase.pairedRate };
              const runs = servers.map((server) => measure(server, benchCase, shop, rate, round));
              measurements.push(...(await Promise.all(runs)));
              continue;
            }
            // Alternate the order, so a burst of load from elsewhere does not always hit the same server.
            for (const server of round % 2 === 1 ? servers : [...servers].reverse()) {
              progress(`${benchCase.name} on ${server.kind}, ${where} (${options.durationSeconds} s)`);
              await benchCase.prepare?.(db.url, shop);
              measurements.push(await measure(server, benchCase, shop, options, round));
            }
          }
        }
      } finally {
        await Promise.all(started.map((server) => server.process.stop()));
      }
    }
  } finally {
    await db.destroy();
    await issuer.close();
  }

  const rows = compare(measurements);
  const table = `${summaryTable(rows)}${tokenCost ? `\n\n${tokenCostLine(tokenCost)}` : ''}`;
  const result = {
    startedAt: startedAt.toISOString(),
    ...(options.label === undefined ? {} : { label: options.label }),
    commit,
    machine: describeMachine(),
    settings: publicSettings(options),
    rows,
    tokenVerification: tokenCost,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const outDir = join(repoRoot(), 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(outDir, `${stamp}.md`),
    `# Benchmark ${result.startedAt}, commit ${result.commit}\n\n${options.label === undefined ? '' : `${options.label}\n\n`}${machineLine(result.machine)}\n\n${table}\n`,
  );
  process.stdout.write(
    `\n${table}\n\n${machineLine(result.machine)}\nCommit ${commit}. Results: bench/results/${stamp}.json\n`,
  );
  return 0;
}

interface Target {
  kind: ServerKind;
  url: string;
  cpu: number | null;
  pid: number | undefined;
  process: ServerProcess;
}

/**
 * Both baselines, the API and the `--before` build side by side; only one is under load at a time, or with
 * `--paired` all of them (pinned, all to the same CPU).
 */
async function startServers(
  databaseUrl: string,
  cpu: number | null,
  options: { logLevel: string; before: string | undefined; floor: boolean; authEnv: Record<string, string> },
): Promise<Target[]> {
  const pin = cpu === null ? {} : { cpu };
  const target = (kind: ServerKind, server: ServerProcess): Target => ({
    kind,
    url: server.url,
    cpu,
    pid: server.child.pid,
    process: server,
  });
  const baseline = (prepared: boolean) =>
    startBaseline({ databaseUrl, authEnv: options.authEnv, prepared, ...pin });
  const targets = [
    target('baseline', await baseline(false)),
    target('baseline-prepared', await baseline(true)),
    target(
      'api',
      await startApiProcess({
        build: 'dist',
        databaseUrl,
        env: { ...options.authEnv, LOG_LEVEL: options.logLevel },
        ...pin,
      }),
    ),
  ];
  if (options.floor) {
    const floor = await startFastifyFloor({ databaseUrl, ...pin });
    targets.push(target('fastify-floor', floor));
  }
  if (options.before) {
    const before = await startApiProcess({
      name: 'api (before)',
      build: 'dist',
      distEntry: options.before,
      databaseUrl,
      env: { ...options.authEnv, LOG_LEVEL: options.logLevel },
      ...pin,
    });
    targets.push(target('api-before', before));
  }
  return targets;
}

function buildApi(skip: boolean) {
  if (!skip) {
    progress('building the API (npm run build -w @shoestring/api)');
    const build = spawnSync('npm', ['run', 'build', '-w', '@shoestring/api'], {
      cwd: repoRoot(),
      stdio: 'inherit',
    });
    if (build.status !== 0)
      throw new BenchError('npm run build -w @shoestring/api failed; fix the build first.');
  }
  if (!existsSync(API_DIST_ENTRY)) {
    throw new BenchError(`${API_DIST_ENTRY} does not exist; run without --skip-build.`);
  }
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      rate: { type: 'string' },
      paired: { type: 'boolean', default: false },
      cpu: { type: 'string', default: '0' },
      cases: { type: 'string', default: BENCH_CASES.map((c) => c.name).join(',') },
      'log-level': { type: 'string', default: 'info' },
      before: { type: 'string' },
      floor: { type: 'boolean', default: false },
      label: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help' as const;
  const cases = values.cases.split(',').map((name) => {
    const found = BENCH_CASES.find((c) => c.name === name.trim());
    if (!found)
      throw new UsageError(
        `Unknown case "${name}" in --cases; choose from ${BENCH_CASES.map((c) => c.name).join(', ')}.`,
      );
    return found;
  });
  const before = values.before === undefined ? undefined : resolve(values.before);
  if (before !== undefined && !existsSync(before))
    throw new UsageError(`--before: ${before} does not exist.`);
  return {
    before,
    floor: values.floor,
    label: values.label,
    durationSeconds: positiveInt('--duration', values.duration),
    rounds: positiveInt('--rounds', values.rounds),
    warmupSeconds: positiveInt('--warmup', values.warmup, 0),
    connections: positiveInt('--connections', values.connections),
    rate: values.rate === undefined ? undefined : positiveInt('--rate', values.rate),
    paired: values.paired,
    cpu: positiveInt('--cpu', values.cpu, 0),
    cases: cases as readonly BenchCase[],
    logLevel: values['log-level'],
    skipBuild: values['skip-build'],
  };
}

function positiveInt(flag: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${flag} must be an integer >= ${min} (got "${raw}").`);
  return value;
}

function publicSettings(options: Exclude<ReturnType<typeof readOptions>, 'help'>) {
  return {
    ...options,
    cases: options.cases.map((c) => c.name),
    products: 1000,
    customers: 100,
    postgres: 'fsync off',
  };
}

/** The commit measured, `+changes` when the checkout differs from it: a figure means little without its code. */
function describeCommit(): string {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: repoRoot(), encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') === '' ? commit : `${commit}+changes`;
}

function machineLine(machine: ReturnType<typeof describeMachine>): string {
  return `Machine: ${machine.cpuCount} x ${machine.cpuModel}, load average ${machine.loadAverage1m} at start, Node ${machine.node}, ${machine.platform}. Shared with other work: compare ratios, not absolute rps.`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
    const parseArgsError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseArgsError) {
      process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exit(1);
    }
    if (error instanceof BenchError) {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
