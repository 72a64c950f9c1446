import { MODULE_NAMES } from '@shoestring/contract';
import { resolveStage } from '@shoestring/infra/config';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import {
  describeServices,
  moduleOrigins,
  planServices,
  serviceEnvironment,
} from '../../src/dev/service-plan.ts';

/** A stage resolved and validated by the infra config, as `--stage` gets it. */
const stage = (services: Record<string, { modules: string[] }>) =>
  resolveStage({ stages: { split: { services } } }, 'split');

const SPLIT = stage({
  orders: { modules: ['orders'] },
  catalog: { modules: ['catalog'] },
  customers: { modules: ['customers'] },
});
const ORIGINS = new Map([
  ['orders', 'http://127.0.0.1:4001'],
  ['catalog', 'http://127.0.0.1:4002'],
  ['customers', 'http://127.0.0.1:4003'],
  ['api', 'http://127.0.0.1:4000'],
]);

describe('planServices', () => {
  it('runs the single monolith without a stage: one api service with every module, as the config defaults', () => {
    const plan = planServices();
    expect(plan).toEqual([{ name: 'api', modules: [...MODULE_NAMES] }]);
    expect(describeServices(plan)).toBe('api (catalog, customers, orders)');
  });

  it('spells out "*" for a stage with one service', () => {
    expect(planServices(stage({ api: { modules: ['*'] } }))).toEqual(planServices());
  });

  it("keeps a stage's services in config order, one per service, each with its modules", () => {
    const plan = planServices(SPLIT);
    expect(describeServices(plan)).toBe('orders (orders), catalog (catalog), customers (customers)');
  });

  it('refuses a split where a module calls one no service runs, naming the module and the fix', () => {
    const error = (() => {
      try {
        planServices(stage({ shop: { modules: ['orders', 'catalog'] } }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toBe(
      'Stage "split": service shop runs orders, which calls customers, but no service runs customers. Add "customers" to the modules of one of the stage\'s services in shoestring.config.ts.',
    );
  });
});

describe('serviceEnvironment', () => {
  it('gives the monolith no MODULES and no peer URLs, and its service name for telemetry', () => {
    const plan = planServices();
    expect(serviceEnvironment(plan, plan[0]!, ORIGINS)).toEqual({ OTEL_SERVICE_NAME: 'api' });
  });

  it('gives each split service its modules and the address of every module it does not run', () => {
    const plan = planServices(SPLIT);
    const [orders, catalog] = plan;
    expect(serviceEnvironment(plan, orders!, ORIGINS)).toEqual({
      OTEL_SERVICE_NAME: 'orders',
      MODULES: 'orders',
      CATALOG_URL: 'http://127.0.0.1:4002',
      CUSTOMERS_URL: 'http://127.0.0.1:4003',
    });
    expect(serviceEnvironment(plan, catalog!, ORIGINS)).toEqual({
      OTEL_SERVICE_NAME: 'catalog',
      MODULES: 'catalog',
      ORDERS_URL: 'http://127.0.0.1:4001',
      CUSTOMERS_URL: 'http://127.0.0.1:4003',
    });
  });

  it('joins several modules of one service in MODULES', () => {
    const plan = planServices(
      stage({ shop: { modules: ['orders', 'customers'] }, catalog: { modules: ['catalog'] } }),
    );
    expect(
      serviceEnvironment(plan, plan[0]!, new Map([...ORIGINS, ['shop', 'http://127.0.0.1:4004']])),
    ).toEqual({
      OTEL_SERVICE_NAME: 'shop',
      MODULES: 'customers,orders',
      CATALOG_URL: 'http://127.0.0.1:4002',
    });
  });
});

describe('moduleOrigins', () => {
  it("maps every module to its service's origin, for the gateway", () => {
    expect(moduleOrigins(planServices(SPLIT), ORIGINS)).toEqual({
      orders: 'http://127.0.0.1:4001',
      catalog: 'http://127.0.0.1:4002',
      customers: 'http://127.0.0.1:4003',
    });
    expect(moduleOrigins(planServices(), ORIGINS)).toEqual({
      catalog: 'http://127.0.0.1:4000',
      customers: 'http://127.0.0.1:4000',
      orders: 'http://127.0.0.1:4000',
    });
  });
});
