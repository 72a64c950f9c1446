import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.ts';

interface CdkJson {
  output?: string;
  watch?: { include?: string[] };
}

function readCdkJson(infra: string): CdkJson {
  const file = path.join(infra, 'cdk.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CdkJson) : {};
}

/** Where `cdk synth` writes: cdk.json's `output` (relative to packages/infra), else `cdk.out` there. */
export function defaultCloudAssemblyDir(root: string): string {
  const infra = path.join(root, 'packages', 'infra');
  return path.resolve(infra, readCdkJson(infra).output ?? 'cdk.out');
}

/**
 * The files a synth reads: cdk.json's `watch.include` (`src/**` is read as the folder `src`), else the infra's
 * `bin` and `src` and the config file.
 */
function synthInputs(root: string): string[] {
  const infra = path.join(root, 'packages', 'infra');
  const include = readCdkJson(infra).watch?.include ?? ['bin/**', 'src/**', '../../shoestring.config.ts'];
  return include.map((pattern) => path.resolve(infra, pattern.replace(/\/\*\*.*$/, '')));
}

/** Newest modification time among the synth inputs. */
function newestInput(root: string): number {
  let newest = 0;
  const visit = (file: string) => {
    if (!existsSync(file)) return;
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) visit(path.join(file, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const input of synthInputs(root)) visit(input);
  return newest;
}

/** Missing, or older than a source file or the config. */
export function isStale(assemblyDir: string, root: string): boolean {
  const manifest = path.join(assemblyDir, 'manifest.json');
  if (!existsSync(manifest)) return true;
  return statSync(manifest).mtimeMs < newestInput(root);
}

/**
 * Runs the infra's `cdk synth` into `outDir` (progress on stderr; the report stays clean on stdout). The same
 * command as `npm run synth`, with the output folder made explicit.
 */
export function synthesize(root: string, outDir: string, log: (line: string) => void): void {
  log(`Synthesizing the CDK app into ${outDir} (cdk.out missing or older than the infra sources)...`);
  const started = Date.now();
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outDir], {
    cwd: path.join(root, 'packages', 'infra'),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new CliError(
      `cdk synth failed (exit ${result.status}); fix the error below or pass --no-synth:\n${output}`,
    );
  }
  log(`Synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
