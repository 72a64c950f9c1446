/**
 * `npm run bench:profile`: where the API's CPU goes under load. Starts the seeded PostgreSQL of `npm run bench`,
 * runs the production build with `node --cpu-prof` under one bench case, and prints the self time by package and
 * by function (the .cpuprofile is kept for Chrome DevTools or speedscope). Build first (`npm run build -w
 * @shoestring/api`). Options: --case (default get-product), --duration (s, default 10), --top (lines, default 25),
 * --server (another build's dist/server.js, e.g. of the previous commit), --baseline (profile the plain baseline
 * instead, to set the API's figures beside the same driver and socket work without the platform), --floor (profile
 * bare Fastify with the API's schemas instead, catalog reads only: the API's figures less it are the platform's), --rate (requests
 * per second instead of as many as the server answers: at a rate well inside its capacity, as `npm run bench --
 * --paired` measures, each event loop turn serves about one request and pays its own fixed costs).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { API_DIST_ENTRY, startApiProcess } from '@shoestring/dbtools';
import autocannon from 'autocannon';
import { TestIssuer } from '../apps/api/test/helpers/token-issuer.ts';
import { startMigratedPostgres } from './harness/postgres.ts';
import { seedShop, signIn } from './harness/seed.ts';
import { BENCH_CASES } from './lib/cases.ts';
import { summariseProfile } from './lib/cpu-profile.ts';
import { startBaseline, startFastifyFloor } from './lib/reference-servers.ts';

const USAGE = `Usage: npm run bench:profile -- [--case ${BENCH_CASES.map((c) => c.name).join('|')}] [--duration <s>] [--top <n>] [--server <dist/server.js> | --baseline | --floor] [--rate <rps>]`;

function readOptions() {
  try {
    return parseArgs({
      options: {
        case: { type: 'string', default: 'get-product' },
        duration: { type: 'string', default: '10' },
        top: { type: 'string', default: '25' },
        server: { type: 'string', default: API_DIST_ENTRY },
        baseline: { type: 'boolean', default: false },
        floor: { type: 'boolean', default: false },
        rate: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`bench:profile: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
}
const values = readOptions();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const benchCase = BENCH_CASES.find((c) => c.name === values.case);
if (!benchCase) {
  process.stderr.write(`bench:profile: --case must be one of ${BENCH_CASES.map((c) => c.name).join(', ')}\n`);
  process.exit(1);
}
if (values.baseline && values.floor) {
  process.stderr.write('bench:profile: --baseline and --floor each choose the server; give one\n');
  process.exit(1);
}
if (values.floor && !benchCase.floor) {
  process.stderr.write(
    `bench:profile: --floor serves the catalog reads only: use --case ${BENCH_CASES.filter((c) => c.floor)
      .map((c) => c.name)
      .join(' or ')}\n`,
  );
  process.exit(1);
}
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(Number.isInteger(rate) && rate > 0)) {
  process.stderr.write(
    `bench:profile: --rate must be a whole number of requests per second (got "${values.rate}")\n`,
  );
  process.exit(1);
}

const db = await startMigratedPostgres({ fast: true });
const issuer = await TestIssuer.start();
const profileDir = mkdtempSync('/tmp/shoestring-cpu-prof-');
try {
  const shop = await signIn(await seedShop(db.url, { products: 1000, customers: 100 }), (sub) =>
    issuer.token({ sub }),
  );
  const profile = ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const api = values.baseline
    ? await startBaseline({ databaseUrl: db.url, authEnv: issuer.env, prepared: false, nodeArgs: profile })
    : values.floor
      ? await startFastifyFloor({ databaseUrl: db.url, nodeArgs: profile })
      : await startApiProcess({
          name: 'api (profiled)',
          build: 'dist',
          distEntry: resolve(values.server ?? API_DIST_ENTRY),
          nodeArgs: profile,
          databaseUrl: db.url,
          env: { ...issuer.env, LOG_LEVEL: 'info' },
        });
  const load = (duration: number) =>
    autocannon({
      url: api.url,
      connections: 10,
      duration,
      requests: [benchCase.request(shop)],
      ...(rate === undefined ? {} : { overallRate: rate }),
    });
  await benchCase.prepare?.(db.url, shop);
  await load(2);
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const fromUs = nowUs();
  const result = await load(Number(values.duration));
  const window = { fromUs, toUs: nowUs() };
  await api.stop();
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}`);
  const summary = summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), window);
  const top = Number(values.top);
  // Share of the samples, and microseconds per request: the second compares two servers' profiles directly.
  const percent = (ms: number) =>
    `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %  ${((1000 * ms) / result['2xx']).toFixed(2).padStart(6)} µs`;
  const perRequest = (summary.totalMs / result['2xx']).toFixed(3);
  process.stdout.write(
    `${benchCase.title}: ${result['2xx']} requests in ${result.duration} s, ${perRequest} ms of sampled CPU each (main thread), and ${((1000 * summary.programMs) / result['2xx']).toFixed(1)} µs of (program), not below; profile ${join(profileDir, file)}\n\nSelf time by package:\n`,
  );
  for (const [name, ms] of summary.byPackage.slice(0, top)) process.stdout.write(`${percent(ms)}  ${name}\n`);
  process.stdout.write('\nSelf time by function:\n');
  for (const [name, ms] of summary.byFunction.slice(0, top))
    process.stdout.write(`${percent(ms)}  ${name}\n`);
} finally {
  await issuer.close();
  await db.destroy();
}
