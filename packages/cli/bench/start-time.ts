/**
 * Measures `shoestring dev` start times (cold: empty data folder, warm: the same folder again) against the targets
 * of issue #2, and the Liquibase JVM flags against the JVM defaults in the same run.
 * Run: `npm run bench:start [-- --runs 3]`.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { repoRoot, runLiquibase, startLocalPostgres } from '@shoestring/dbtools';
import { webBuildFingerprintFile } from '../src/dev/web-build.ts';

const TARGET_COLD_S = 15;
const TARGET_WARM_S = 3;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

function startOnce(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['packages/cli/bin/shoestring.js', 'dev', '--port', '0', '--data-dir', dataDir],
      {
        cwd: repoRoot(),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    let seconds: number | undefined;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /ready at \S+ in ([\d.]+) s/.exec(output)?.[1];
      if (ready && seconds === undefined) {
        seconds = Number(ready);
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (seconds !== undefined) resolve(seconds);
      else reject(new Error(`dev exited with ${code} before ready:\n${output}`));
    });
  });
}

async function timeLiquibase(
  javaOpts: string | undefined,
  connection: { url: string; user: string; password: string },
) {
  const before = process.env.JAVA_OPTS;
  if (javaOpts === undefined) delete process.env.JAVA_OPTS;
  else process.env.JAVA_OPTS = javaOpts;
  const started = performance.now();
  await runLiquibase({ command: 'status', connection });
  process.env.JAVA_OPTS = before;
  if (before === undefined) delete process.env.JAVA_OPTS;
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync('/tmp/shoestring-bench-start-');
  chmodSync(dataDir, 0o755);
  // As after `npm ci`: the site is built too (its fingerprint belongs to the checkout, not the data folder).
  rmSync(webBuildFingerprintFile(repoRoot()), { force: true });
  cold.push(await startOnce(dataDir));
  warm.push(await startOnce(dataDir));
  process.stderr.write(`run ${i + 1}/${runs}: cold ${cold.at(-1)} s, warm ${warm.at(-1)} s\n`);
}

const postgres = await startLocalPostgres({ dataDir: mkdtempSync('/tmp/shoestring-bench-lb-'), fast: true });
const connection = { url: postgres.url, user: postgres.user, password: postgres.password };
const jvmDefaults: number[] = [];
const tuned: number[] = [];
for (let i = 0; i < runs; i++) {
  jvmDefaults.push(await timeLiquibase('', connection));
  tuned.push(await timeLiquibase(undefined, connection));
}
await postgres.stop();

console.log('\n| measure | median (s) | target / baseline | ratio |');
console.log('|---|---|---|---|');
console.log(
  `| cold start (empty data folder) | ${median(cold).toFixed(1)} | ${TARGET_COLD_S} s target | ${(median(cold) / TARGET_COLD_S).toFixed(2)} |`,
);
console.log(
  `| warm start (same folder) | ${median(warm).toFixed(1)} | ${TARGET_WARM_S} s target | ${(median(warm) / TARGET_WARM_S).toFixed(2)} |`,
);
console.log(
  `| liquibase status, our JAVA_OPTS | ${median(tuned).toFixed(2)} | JVM defaults ${median(jvmDefaults).toFixed(2)} s | ${(median(tuned) / median(jvmDefaults)).toFixed(2)} |`,
);
