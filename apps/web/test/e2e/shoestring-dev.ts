import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface RunningShoestring {
  /** The gateway's address, e.g. http://127.0.0.1:41234: the site at `/`, the API under `/api`. */
  url: string;
  /** Everything the command printed so far, for failure messages. */
  output: () => string;
  /** An access token of a demo user (alice, bob, admin), from `shoestring dev token`. */
  token: (username: string) => Promise<string>;
  stop: () => Promise<number | null>;
}

const READY = /^Shoestring is ready\b.*?(http:\/\/127\.0\.0\.1:\d+)/m;

/**
 * Starts the local system the way a user does (`shoestring dev`, here on a free port and a fresh data
 * folder) and resolves once it prints its ready line.
 */
export function startShoestringDev(dataDir: string, timeoutMs = 170_000): Promise<RunningShoestring> {
  // Vitest sets NODE_ENV=test; a user's shell does not, and it would make the site build bundle React's
  // development build.
  const { NODE_ENV: _, ...env } = process.env;
  const child = spawn(
    process.execPath,
    ['packages/cli/bin/shoestring.js', 'dev', '--port', '0', '--data-dir', dataDir],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const running = (url: string): RunningShoestring => ({
    url,
    output: () => output,
    token: (username) => devToken(username, dataDir),
    stop: () => stop(child),
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`shoestring dev did not print its ready line within ${timeoutMs / 1000} s:\n${output}`),
      );
    }, timeoutMs);
    child.stdout.on('data', () => {
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(running(match[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`shoestring dev exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** `shoestring dev token <user>`: the demo user signed in through the running system's OpenID provider. */
function devToken(username: string, dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['packages/cli/bin/shoestring.js', 'dev', 'token', username, '--data-dir', dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`shoestring dev token ${username}: ${output}`)),
    );
  });
}

/** SIGTERM, as Ctrl-C or a process manager would send, then waits for the clean exit. */
function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(force);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
