import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, unique } from '../../helpers/app.ts';
import { expectProblem } from '../../helpers/problem.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const create = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/customers', payload });

describe('customers', () => {
  it('creates and gets a customer', async () => {
    const email = `${unique('ann')}@example.com`;
    const created = await create({ email, name: 'Ann' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      email,
      name: 'Ann',
      id: expect.any(String),
      createdAt: expect.any(String),
    });
    const fetched = await t.app.inject({ url: `/customers/${created.json().id}` });
    expect(fetched.json()).toEqual(created.json());
  });

  it('refuses a second customer with the same email, whatever its case', async () => {
    const email = `${unique('bob')}@example.com`;
    expect((await create({ email, name: 'Bob' })).statusCode).toBe(201);
    expectProblem(await create({ email: email.toUpperCase(), name: 'Bob 2' }), 409, 'CUSTOMERS_EMAIL_TAKEN');
  });

  it('lists customers with pagination', async () => {
    for (let i = 0; i < 3; i++) await create({ email: `${unique('page')}@example.com`, name: `Page ${i}` });
    const page = (await t.app.inject({ url: '/customers?limit=2&offset=1' })).json();
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 CUSTOMERS_NOT_FOUND for an unknown customer', async () => {
    expectProblem(await t.app.inject({ url: `/customers/${randomUUID()}` }), 404, 'CUSTOMERS_NOT_FOUND');
  });
});
