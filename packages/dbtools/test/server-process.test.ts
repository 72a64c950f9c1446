import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DbToolsError, type ServerProcess, startServerProcess } from '../src/index.ts';

const logDir = mkdtempSync('/tmp/shoestring-launcher-');
const started: ServerProcess[] = [];
afterAll(() => Promise.all(started.map((server) => server.stop('SIGKILL'))));

/** A real HTTP server in a child Node: answers /health with its NAME, logs a JSON line, and exits 0 on SIGTERM. */
const HTTP_SERVER = `
  const http = require('node:http');
  const server = http.createServer((req, res) => res.end(process.env.NAME));
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening' })));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function start(options: Partial<Parameters<typeof startServerProcess>[0]> = {}) {
  const server = await startServerProcess({ name: 'test server', args: ['-e', HTTP_SERVER], ...options });
  started.push(server);
  return server;
}

describe('startServerProcess', () => {
  it('starts several servers side by side, each on its own port with its own environment', async () => {
    const lines: string[] = [];
    const [a, b, c] = await Promise.all(
      ['a', 'b', 'c'].map((name) => start({ env: { NAME: name }, onStdoutLine: (line) => lines.push(line) })),
    );
    expect(new Set([a?.port, b?.port, c?.port]).size).toBe(3);
    expect(await (await fetch(`${b?.url}/health`)).text()).toBe('b');
    expect(lines).toEqual(Array(3).fill('{"msg":"listening"}'));

    const exit = await a?.stop();
    expect(exit).toMatchObject({ code: 0, signal: null });
    await expect(fetch(`${a?.url}/health`)).rejects.toThrow();
    expect(await (await fetch(`${c?.url}/health`)).text()).toBe('c');
  });

  it('keeps only the latest output up to the limit, whole and in order', async () => {
    // 400 numbered lines of 20 characters written in separate chunks; the limit keeps the last 1000 characters.
    const chatty = `for (let i = 0; i < 400; i++) process.stdout.write('line ' + String(i).padStart(14, '0') + '\\n'); ${HTTP_SERVER}`;
    const server = await start({ args: ['-e', chatty], outputLimit: 1000 });
    const output = server.output();
    expect(output).toHaveLength(1000);
    expect(output.endsWith('{"msg":"listening"}\n')).toBe(true);
    expect(output).toContain(`line ${'399'.padStart(14, '0')}\n`);
    expect(output).not.toContain(`line ${'300'.padStart(14, '0')}`);
  });

  it('does not pass its own environment unless asked to', async () => {
    process.env.SHOESTRING_LAUNCHER_PROBE = 'leaked';
    const script = `require('node:http').createServer((q, r) => r.end(String(process.env.SHOESTRING_LAUNCHER_PROBE))).listen(Number(process.env.PORT), '127.0.0.1')`;
    try {
      const clean = await start({ args: ['-e', script] });
      const inherited = await start({ args: ['-e', script], inheritEnv: true });
      expect(await (await fetch(clean.url)).text()).toBe('undefined');
      expect(await (await fetch(inherited.url)).text()).toBe('leaked');
    } finally {
      delete process.env.SHOESTRING_LAUNCHER_PROBE;
    }
  });

  it('reports a crash during start with the latest output and the log file, and leaves the output in the file', async () => {
    const logFile = join(logDir, 'crash.log');
    const crash = `console.log('booting'); console.error('Error: DATABASE_URL is missing'); process.exit(3)`;
    const error = await start({ name: 'The API', args: ['-e', crash], logFile }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DbToolsError);
    expect((error as DbToolsError).code).toBe('SERVER_START_FAILED');
    expect((error as Error).message).toMatch(/^The API exited during start \(code 3\):\n/);
    expect((error as Error).message).toContain('Error: DATABASE_URL is missing');
    expect((error as Error).message).toContain(`(full log: ${logFile})`);
    expect(readFileSync(logFile, 'utf8')).toContain('booting');
  });

  it('gives up when nothing answers in time, and says where it asked', async () => {
    const silent = 'setInterval(() => {}, 1000)';
    const error = await start({ name: 'slow', args: ['-e', silent], startTimeoutMs: 500 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbToolsError);
    expect((error as Error).message).toMatch(
      /^slow did not answer http:\/\/127\.0\.0\.1:\d+\/health within 0\.5 s/,
    );
  });

  it('escalates to SIGKILL when the process ignores the stop signal', async () => {
    const stubborn = `${HTTP_SERVER}; process.removeAllListeners('SIGTERM'); process.on('SIGTERM', () => console.log('ignoring SIGTERM'))`;
    const server = await start({ args: ['-e', stubborn], stopGraceMs: 200 });
    const exit = await server.stop();
    expect(exit.signal).toBe('SIGKILL');
    expect(server.output()).toContain('ignoring SIGTERM');
  });

  it('stops waiting and stops the process when the abort signal fires', async () => {
    const controller = new AbortController();
    let pid = 0;
    const starting = start({
      args: ['-e', 'console.log(process.pid); setInterval(() => {}, 1000)'],
      signal: controller.signal,
      onStdoutLine: (line) => {
        pid = Number(line);
        controller.abort();
      },
    });
    await expect(starting).rejects.toThrow(/aborted/);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('says so when the program cannot be started at all', async () => {
    const error = await start({ command: join(logDir, 'no-such-program') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbToolsError);
    expect((error as Error).message).toContain('ENOENT');
  });
});
