import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '@shoestring/dbtools';

export interface CliRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a command from the repository root the way a person types it, collecting stdout and stderr. */
export function startCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const child = spawn(command, args, { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the ready line once it is printed; rejects if the process exits first or time runs out. */
export function waitForReady(run: CliRun, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms:\n${run.output()}`)),
      timeoutMs,
    );
    const check = () => {
      const line = run
        .output()
        .split('\n')
        .find((l) => l.startsWith('Shoestring is ready at '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    run.child.stdout?.on('data', check);
    run.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before the ready line:\n${run.output()}`));
    });
  });
}

/**
 * `shoestring dev` on a free port with its own data folder, as `npm start` runs it. `url` resolves with the
 * gateway's URL from the ready line; `run` is there at once, so a start that never gets ready can still be stopped.
 */
export function startDev(
  dataDir: string,
  args: string[] = [],
  timeoutMs?: number,
): { run: CliRun; url: Promise<string> } {
  const run = startCommand(process.execPath, [
    'packages/cli/bin/shoestring.js',
    'dev',
    ...args,
    '--port',
    '0',
    '--data-dir',
    dataDir,
  ]);
  const url = waitForReady(run, timeoutMs).then((line) => {
    const found = /ready at (http:\/\/[\d.]+:\d+)/.exec(line)?.[1];
    if (!found) throw new Error(`no URL in the ready line: ${line}`);
    return found;
  });
  return { run, url };
}

/** PIDs of PostgreSQL servers whose command line names this data folder. */
export async function postgresProcessesFor(dataDir: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('postgres') && cmdline.includes(dataDir)) pids.push(Number(entry));
  }
  return pids;
}
