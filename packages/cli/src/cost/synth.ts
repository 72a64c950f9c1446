import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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
