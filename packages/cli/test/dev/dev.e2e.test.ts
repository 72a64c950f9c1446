import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { SiteConfig } from '@shoestring/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/dev/demo-data.ts';
import { MIGRATIONS_SKIPPED } from '../../src/dev/local-system.ts';
import { signInWithPassword } from '../../src/dev/oidc/sign-in.ts';
import { type CliRun, postgresProcessesFor, startCommand, waitForReady } from './run-cli.ts';

// Like a checkout's .shoestring/: a folder the `postgres` account can enter when the tests run as root.
const dataDir = mkdtempSync('/tmp/shoestring-dev-e2e-');
chmodSync(dataDir, 0o755);
const runs: CliRun[] = [];

afterAll(() => {
  for (const run of runs) run.child.kill('SIGKILL');
});

function npmStart(...args: string[]): CliRun {
  const run = startCommand('npm', ['start', '--', '--port', '0', '--data-dir', dataDir, ...args]);
  runs.push(run);
  return run;
}

function readyUrl(line: string): string {
  const url = /ready at (http:\/\/[\d.]+:\d+)/.exec(line)?.[1];
  if (!url) throw new Error(`no URL in: ${line}`);
  return url;
}

describe('npm start (shoestring dev)', () => {
  it('starts the whole system cold, serves the API and the site through one gateway, and stops on SIGTERM', async () => {
    // GIVEN an empty data folder
    // WHEN a person runs npm start
    const run = npmStart();
    const ready = await waitForReady(run);
    const url = readyUrl(ready);
    // THEN the ready line says how long it took and where the data lives, and never the password in full
    expect(ready).toMatch(/in \d+\.\d s \(cold start\); data in /);
    expect(ready).toContain(dataDir);
    // AND Liquibase ran on the new cluster
    expect(run.output()).not.toContain(MIGRATIONS_SKIPPED);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'postgres', 'credentials.json'), 'utf8'));
    expect(run.output()).not.toContain(credentials.password);

    // AND /api/health is not an edge route (operational, as in the cloud): a 404 at the gateway
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(404);
    // AND an edge route reaches the API with the prefix stripped and answers from the database
    expect((await fetch(`${url}/api/catalog/products?limit=1`)).status).toBe(200);
    // AND / and client-side routes are the site's index.html
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const homeHtml = await home.text();
    const deepLink = await fetch(`${url}/orders/some-id`);
    expect(await deepLink.text()).toBe(homeHtml);
    // AND a missing asset is a 404, not the page
    expect((await fetch(`${url}/assets/missing-abcdefgh.js`)).status).toBe(404);
    // AND the new catalog holds the demo products, added through the API
    const catalog = (await (await fetch(`${url}/api/catalog/products?limit=100`)).json()) as {
      items: Array<{ sku: string }>;
    };
    expect(catalog.items.map((p) => p.sku).sort()).toEqual(DEMO_PRODUCTS.map((p) => p.sku).sort());

    // AND it names the demo users and where their passwords are, never the passwords themselves
    const users = JSON.parse(readFileSync(join(dataDir, 'auth', 'users.json'), 'utf8')) as Array<{
      username: string;
      password: string;
    }>;
    expect(run.output()).toContain(`sign in as alice, bob, admin (passwords in ${dataDir}/auth/users.json)`);
    for (const user of users) expect(run.output()).not.toContain(user.password);
    // AND a shopper operation without a token is a 401 at the gateway
    expect((await fetch(`${url}/api/orders`)).status).toBe(401);
    // AND the site's /config.json names the running provider
    const runtime = JSON.parse(readFileSync(join(dataDir, 'dev-runtime.json'), 'utf8'));
    const config = (await (await fetch(`${url}/config.json`)).json()) as SiteConfig;
    expect(config.auth).toMatchObject({
      authority: runtime.auth.issuer,
      redirectUri: `${url}/auth/callback`,
    });
    // AND alice, signed in through the running provider as the site and `shoestring dev token` do, gets through
    const alice = users.find((u) => u.username === 'alice') as { username: string; password: string };
    const tokens = await signInWithPassword(runtime.auth.site, alice.username, alice.password);
    const orders = await fetch(`${url}/api/orders`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(orders.status).toBe(200);

    // WHEN it receives SIGTERM
    run.child.kill('SIGTERM');
    // THEN it exits cleanly and no PostgreSQL is left running on the data folder
    expect(await run.exited).toBe(0);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('reuses the data on the next start (warm start) and stops on Ctrl-C', async () => {
    // GIVEN the data folder of the previous test
    // WHEN npm start runs again
    const run = npmStart();
    const ready = await waitForReady(run);
    // THEN it is a warm start, without the Liquibase JVM (the changelog is as the cold start applied it)
    expect(ready).toMatch(/\(warm start\)/);
    expect(run.output()).toContain(MIGRATIONS_SKIPPED);
    expect((await fetch(`${readyUrl(ready)}/api/catalog/products?limit=1`)).status).toBe(200);
    // AND the demo products were not added a second time
    const catalog = (await (await fetch(`${readyUrl(ready)}/api/catalog/products`)).json()) as {
      total: number;
    };
    expect(catalog.total).toBe(DEMO_PRODUCTS.length);
    // WHEN Ctrl-C is pressed
    run.child.kill('SIGINT');
    // THEN everything stops
    expect(await run.exited).toBe(0);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('stops what has started when SIGTERM arrives before the ready line', async () => {
    // GIVEN a start that has reached the migrations (PostgreSQL already runs)
    const run = npmStart();
    await new Promise<void>((resolve) => {
      const check = () => run.output().includes('applying migrations') && resolve();
      run.child.stdout?.on('data', check);
    });
    // WHEN it receives SIGTERM
    run.child.kill('SIGTERM');
    // THEN it exits cleanly and PostgreSQL is stopped too
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('nothing is left running');
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('names the port and the --port flag when the gateway port is taken, and starts nothing', async () => {
    // GIVEN a port something else listens on
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    // WHEN npm start is asked to use it
    const run = startCommand('npm', ['start', '--', '--port', String(port), '--data-dir', dataDir]);
    runs.push(run);
    // THEN it fails with a message naming the port and the flag, without a stack trace
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} (the local gateway) is already in use`);
    expect(run.output()).toContain('--port');
    expect(run.output()).not.toMatch(/^\s+at /m);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
    blocker.close();
  });

  it('says how to install Java when it is missing', async () => {
    // GIVEN a PATH without java and no JAVA_HOME
    const { JAVA_HOME: _ignored, ...inherited } = process.env;
    const env = { ...inherited, PATH: '/nonexistent' };
    // WHEN the dev command starts
    const run = startCommand(
      process.execPath,
      ['packages/cli/bin/shoestring.js', 'dev', '--port', '0', '--data-dir', dataDir],
      env,
    );
    runs.push(run);
    // THEN it stops before anything starts and says how to install Java
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Java was not found.*Install Java 17/s);
    expect(run.output()).not.toMatch(/^\s+at /m);
  });
});
