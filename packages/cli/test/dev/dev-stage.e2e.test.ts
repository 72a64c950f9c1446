import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/dev/demo-data.ts';
import { demoUser, readDemoUsers } from '../../src/dev/oidc/demo-users.ts';
import { signInWithPassword } from '../../src/dev/oidc/sign-in.ts';
import type { DevRuntime } from '../../src/dev/runtime-file.ts';
import { queryPrometheus } from '../../src/observe/prometheus-query.ts';
import type { StoredSpan } from '../../src/observe/trace-store.ts';
import { type CliRun, postgresProcessesFor, startCommand, waitForReady } from './run-cli.ts';

// Like a checkout's .shoestring/: a folder the `postgres` account can enter when the tests run as root.
const dataDir = mkdtempSync('/tmp/shoestring-dev-stage-e2e-');
chmodSync(dataDir, 0o755);
const configDir = mkdtempSync('/tmp/shoestring-dev-stage-config-');
const splitConfig = join(configDir, 'split.config.ts');
writeFileSync(
  splitConfig,
  `export default { stages: { split: { services: {
    orders: { modules: ['orders'] },
    catalog: { modules: ['catalog'] },
    customers: { modules: ['customers'] },
  } } } };\n`,
);
const runs: CliRun[] = [];
// A run a failed test leaves behind gets SIGTERM, so it stops its API processes and PostgreSQL as a person's would.
afterAll(async () => {
  for (const run of runs.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
    run.child.kill('SIGTERM');
    await run.exited;
  }
});

function shoestringDev(args: string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const run = startCommand(
    process.execPath,
    ['packages/cli/bin/shoestring.js', 'dev', '--port', '0', '--data-dir', dataDir, ...args],
    env,
  );
  runs.push(run);
  return run;
}

const readyUrl = (line: string) => /ready at (http:\/\/[\d.]+:\d+)/.exec(line)?.[1] ?? '';
const runtime = () => JSON.parse(readFileSync(join(dataDir, 'dev-runtime.json'), 'utf8')) as DevRuntime;
const logLines = (service: string) =>
  readFileSync(join(dataDir, 'logs', `${service}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map(
      (line) => JSON.parse(line) as { requestId?: string; traceId?: string; method?: string; url?: string },
    );
/** alice's bearer header, signed in through the running system's OpenID provider. */
async function asAlice(): Promise<Record<string, string>> {
  const alice = demoUser((await readDemoUsers(dataDir)) ?? [], 'alice');
  const tokens = await signInWithPassword(runtime().auth.site, alice.username, alice.password);
  return { authorization: `Bearer ${tokens.access_token}` };
}
const urlAfter = (output: string, label: string) =>
  new RegExp(`${label}: (http://127\\.0\\.0\\.1:\\d+)`).exec(output)?.[1] ?? '';

/** Polls `read` every half second until it returns something, for at most 30 s (telemetry arrives in batches). */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

async function send(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const answers = (origin: string) =>
  fetch(`${origin}/health`).then(
    () => true,
    () => false,
  );

describe('npm start -- --stage NAME (shoestring dev --stage)', () => {
  it('refuses an unknown stage in one line that names the stages, and starts nothing', async () => {
    const run = shoestringDev(['--stage', 'nope']);
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'shoestring dev: No stage "nope" in shoestring.config.ts: use --stage dev or --stage prod, or add "nope" under `stages`.',
    );
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('refuses an invalid stage of SHOESTRING_CONFIG in one line with the field and the fix', async () => {
    const bad = join(configDir, 'bad.config.ts');
    writeFileSync(
      bad,
      `export default { stages: { split: { services: { api: { modules: ['order'] } } } } };\n`,
    );
    const run = shoestringDev(['--stage', 'split'], { ...process.env, SHOESTRING_CONFIG: bad });
    expect(await run.exited).toBe(1);
    expect(run.output().trim().split('\n')).toEqual([
      expect.stringContaining(
        'bad.config.ts is invalid: stages.split.services.api.modules: got unknown module "order"',
      ),
    ]);
  });

  it('runs `npm start -- --stage prod` of the repository config as its one service', async () => {
    // GIVEN an empty data folder
    // WHEN the prod stage (one `api` service with every module) starts, typed as a person types it
    const run = startCommand('npm', ['start', '--', '--port', '0', '--data-dir', dataDir, '--stage', 'prod']);
    runs.push(run);
    const ready = await waitForReady(run);
    // THEN one service runs every module and answers through the gateway
    expect(ready).toContain('(cold start)');
    expect(ready).toContain('services: api (catalog, customers, orders).');
    expect(Object.keys(runtime().services)).toEqual(['api']);
    const products = await send(`${readyUrl(ready)}/api/catalog/products`);
    expect(products.status).toBe(200);
    expect(products.json.total).toBe(DEMO_PRODUCTS.length);
    // WHEN Ctrl-C is pressed, THEN everything stops
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  }, 150_000);

  it('runs orders, catalog and customers as three services: an order placed through the gateway reserves stock in the catalog service', async () => {
    // GIVEN the data of the prod run, and a stage that splits the three modules into three services
    // WHEN the system starts with it, with the telemetry path
    const run = shoestringDev(['--stage', 'split', '--observe'], {
      ...process.env,
      SHOESTRING_CONFIG: splitConfig,
    });
    const ready = await waitForReady(run, 170_000);
    // THEN the ready line lists the services with their modules, in config order
    expect(ready).toContain('services: orders (orders), catalog (catalog), customers (customers).');
    const gateway = `${readyUrl(ready)}/api`;
    const { services } = runtime();
    const orders = services.orders?.origin ?? '';
    const catalog = services.catalog?.origin ?? '';
    expect(new Set([orders, catalog, services.customers?.origin]).size).toBe(3);

    // WHEN a customer is created and an order placed through the gateway, by a signed-in shopper
    const alice = await asAlice();
    const products = await send(`${gateway}/catalog/products?limit=1`);
    const product = (products.json.items as Array<{ id: string; stock: number }>)[0];
    if (!product) throw new Error('the catalog has no demo product');
    const customer = await send(
      `${gateway}/customers/me`,
      'PUT',
      { email: 'split@example.com', name: 'Split' },
      alice,
    );
    expect(customer.status).toBe(201);
    const order = await send(
      `${gateway}/orders`,
      'POST',
      { lines: [{ productId: product.id, quantity: 2 }] },
      { ...alice, 'x-request-id': 'stage-e2e-order' },
    );
    expect(order.status).toBe(201);

    // THEN the stock went down in the catalog service, which the orders service called over HTTP
    const after = await send(`${catalog}/catalog/products/${product.id}`);
    expect(after.json.stock).toBe(product.stock - 2);
    // (log lines reach the file in batches, within a quarter second: ADR 0130)
    await expect
      .poll(() =>
        logLines('catalog').some(
          (line) =>
            line.requestId === 'stage-e2e-order' &&
            line.method === 'PUT' &&
            line.url?.startsWith('/internal/catalog/reservations/') === true,
        ),
      )
      .toBe(true);
    // AND the order is in the orders service, and only there
    expect((await send(`${orders}/orders/${order.json.id}`, 'GET', undefined, alice)).json.status).toBe(
      'placed',
    );
    expect((await send(`${catalog}/orders/${order.json.id}`)).status).toBe(404);
    expect((await send(`${orders}/catalog/products/${product.id}`)).status).toBe(404);

    // AND the order's trace spans the three services, and Prometheus scrapes each of them
    const orderTraceId = () =>
      logLines('orders').find((line) => line.requestId === 'stage-e2e-order')?.traceId;
    await expect.poll(orderTraceId).toMatch(/^[\da-f]{32}$/);
    const traceId = orderTraceId();
    const receiver = urlAfter(run.output(), 'traces');
    const traced = await eventually(async () => {
      const response = await fetch(`${receiver}/traces/${traceId}`);
      if (response.status !== 200) return undefined;
      const { spans } = (await response.json()) as { spans: StoredSpan[] };
      const names = [...new Set(spans.map((span) => span.service))].sort();
      return names.length === 3 ? names : undefined;
    });
    expect(traced).toEqual(['catalog', 'customers', 'orders']);
    const scraped = await eventually(async () => {
      const up = await queryPrometheus(urlAfter(run.output(), 'metrics'), 'up{job="api"} == 1');
      return up.length === 3 ? up.map((sample) => sample.metric.service).sort() : undefined;
    });
    expect(scraped).toEqual(['catalog', 'customers', 'orders']);

    // WHEN it receives SIGTERM
    run.child.kill('SIGTERM');
    // THEN every service and PostgreSQL stop
    expect(await run.exited).toBe(0);
    for (const origin of [orders, catalog, services.customers?.origin ?? ''])
      expect(await answers(origin)).toBe(false);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  }, 240_000);
});
