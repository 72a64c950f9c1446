import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, buildTestApp, type TestApp, testIssuer, unique } from '../../helpers/app.ts';
import { expectProblem } from '../../helpers/problem.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** A new signed-in user's headers. */
const newUser = async () => bearer(await testIssuer.token({ sub: unique('user') }));
const putMe = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: '/customers/me', headers, payload });

describe('customers', () => {
  it('creates the caller’s record, reads it back, updates it in place', async () => {
    const user = await newUser();
    expectProblem(await t.app.inject({ url: '/customers/me', headers: user }), 404, 'CUSTOMERS_NOT_FOUND');
    const email = `${unique('ann')}@example.com`;
    const created = await putMe(user, { email, name: 'Ann' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      email,
      name: 'Ann',
      id: expect.any(String),
      createdAt: expect.any(String),
    });
    const fetched = await t.app.inject({ url: `/customers/${created.json().id}`, headers: ADMIN });
    expect(fetched.json()).toEqual(created.json());
    expect((await t.app.inject({ url: '/customers/me', headers: user })).json()).toEqual(created.json());

    const updated = await putMe(user, { email, name: 'Ann B.' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual({ ...created.json(), name: 'Ann B.' });
  });

  it('refuses a second customer with the same email, whatever its case', async () => {
    const email = `${unique('bob')}@example.com`;
    expect((await putMe(await newUser(), { email, name: 'Bob' })).statusCode).toBe(201);
    expectProblem(
      await putMe(await newUser(), { email: email.toUpperCase(), name: 'Bob 2' }),
      409,
      'CUSTOMERS_EMAIL_TAKEN',
    );
  });

  it('lists customers with pagination, for admins', async () => {
    for (let i = 0; i < 3; i++)
      await putMe(await newUser(), { email: `${unique('page')}@example.com`, name: `Page ${i}` });
    const page = (await t.app.inject({ url: '/customers?limit=2&offset=1', headers: ADMIN })).json();
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 CUSTOMERS_NOT_FOUND for an unknown customer', async () => {
    expectProblem(
      await t.app.inject({ url: `/customers/${randomUUID()}`, headers: ADMIN }),
      404,
      'CUSTOMERS_NOT_FOUND',
    );
  });
});
