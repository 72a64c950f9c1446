import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startServer } from './helpers/server-process.ts';

const API_DIR = fileURLToPath(new URL('../', import.meta.url));

describe('server process', () => {
  it('lists every configuration problem and exits 1, without echoing secrets', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: API_DIR,
      env: {
        PATH: process.env.PATH,
        PORT: 'http',
        DB_SSL: 'on',
        DATABASE_URL: 'mysql://app:hunter2@db/shop',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT must be an integer/);
    expect(result.stderr).toMatch(/DB_SSL must be one of disable, require, verify-full \(got "on"\)/);
    expect(result.stderr).toMatch(/DATABASE_URL must be a postgres: or postgresql: URL/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('on SIGTERM fails /ready, keeps serving for DRAIN_SECONDS, finishes in-flight work and exits 0', async () => {
    const server = await startServer({ DRAIN_SECONDS: '2' });
    const exited = once(server.child, 'exit');
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect((await fetch(`${server.url}/ready`)).status).toBe(503);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/catalog/products?limit=1`)).status).toBe(200);

    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(2000);
    const messages = server.logs.map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['draining: /ready now fails, still serving', 'stopped']),
    );
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('ships a health check command for ECS that needs no curl', async () => {
    const server = await startServer();
    try {
      const port = new URL(server.url).port;
      const healthy = spawn(process.execPath, ['--import', 'tsx', 'src/healthcheck.ts'], {
        cwd: API_DIR,
        env: { PATH: process.env.PATH, PORT: port },
      });
      expect((await once(healthy, 'exit'))[0]).toBe(0);
    } finally {
      await server.stop();
    }
    const port = new URL(server.url).port;
    const unhealthy = spawnSync(process.execPath, ['--import', 'tsx', 'src/healthcheck.ts'], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH, PORT: port },
    });
    expect(unhealthy.status).toBe(1);
  });
});
