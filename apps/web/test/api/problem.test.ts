import { describe, expect, it } from 'vitest';
import { createRequester } from '../../src/api/client.ts';
import { ApiProblem, problemFromResponse } from '../../src/api/problem.ts';

const problemJson = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('problemFromResponse', () => {
  it('keeps the title, detail, code and validation errors of a problem+json body', async () => {
    const problem = await problemFromResponse(
      problemJson(400, {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        detail: 'body/email must match format "email"',
        code: 'VALIDATION_FAILED',
        errors: [{ path: '/email', message: 'must match format "email"' }],
      }),
    );
    expect(problem).toMatchObject({
      title: 'Validation failed',
      status: 400,
      detail: 'body/email must match format "email"',
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/email', message: 'must match format "email"' }],
    });
  });

  it('takes the HTTP status when the body leaves it out', async () => {
    const problem = await problemFromResponse(
      problemJson(409, { title: 'Out of stock', code: 'CATALOG_OUT_OF_STOCK' }),
    );
    expect(problem.status).toBe(409);
  });

  it('writes a readable problem for an HTML error page from a proxy', async () => {
    const response = new Response('<html><body>Bad Gateway</body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    });
    const problem = await problemFromResponse(response);
    expect(problem.title).toBe('The shop answered 502 Bad Gateway');
    expect(problem.detail).toMatch(/on our side/);
  });

  it('writes a readable problem for an empty 4xx body', async () => {
    const problem = await problemFromResponse(new Response(null, { status: 404 }));
    expect(problem).toMatchObject({ title: 'The shop answered 404', status: 404 });
    expect(problem.detail).toMatch(/did not say why/);
  });
});

describe('createRequester', () => {
  it('joins the base and path, sends JSON and resolves with the parsed body', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const request = createRequester('https://api.example.com/v1/', async (url, init) => {
      calls.push({ url, init });
      return Response.json({ id: 'o1' }, { status: 201 });
    });
    const body = await request<{ id: string }>('/orders', {
      method: 'POST',
      body: { customerId: 'c1' },
      headers: { 'Idempotency-Key': 'k1' },
    });
    expect(body).toEqual({ id: 'o1' });
    expect(calls[0]?.url).toBe('https://api.example.com/v1/orders');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"customerId":"c1"}');
    expect(calls[0]?.init?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Idempotency-Key': 'k1',
    });
  });

  it("sends the signed-in user's access token as a bearer token, and none for an anonymous call", async () => {
    const headers: unknown[] = [];
    let token: string | null = 'header.payload.signature';
    const request = createRequester(
      '/api',
      async (_url, init) => {
        headers.push(init?.headers);
        return Response.json({});
      },
      () => token,
    );
    await request('/customers/me');
    token = null;
    await request('/catalog/products');
    expect(headers[0]).toMatchObject({ Authorization: 'Bearer header.payload.signature' });
    expect(headers[1]).not.toHaveProperty('Authorization');
  });

  it('reports a refused token (401 to a call that carried one), not a 401 to an anonymous call', async () => {
    let token: string | null = 'expired.token.here';
    let refused = 0;
    const request = createRequester(
      '/api',
      async () => problemJson(401, { title: 'Unauthorized', status: 401 }),
      () => token,
      () => refused++,
    );
    await expect(request('/orders')).rejects.toBeInstanceOf(ApiProblem);
    expect(refused).toBe(1);
    token = null;
    await expect(request('/orders')).rejects.toBeInstanceOf(ApiProblem);
    expect(refused).toBe(1);
  });

  it('rejects with an ApiProblem carrying the problem+json body', async () => {
    const request = createRequester('/api', async () =>
      problemJson(409, {
        title: 'Not enough stock',
        status: 409,
        detail: 'Only 2 left of SKU-1',
        code: 'CATALOG_OUT_OF_STOCK',
      }),
    );
    const failure = request('/orders', { method: 'POST', body: {} });
    await expect(failure).rejects.toBeInstanceOf(ApiProblem);
    await expect(failure).rejects.toMatchObject({
      problem: { title: 'Not enough stock', detail: 'Only 2 left of SKU-1', code: 'CATALOG_OUT_OF_STOCK' },
      message: 'Not enough stock: Only 2 left of SKU-1',
    });
  });

  it('turns a network failure into a NETWORK problem that says what to do', async () => {
    const request = createRequester('/api', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('/catalog/products')).rejects.toMatchObject({
      problem: { title: 'Cannot reach the shop', status: 0, code: 'NETWORK' },
    });
  });

  it('rejects with a problem when a success response is not JSON', async () => {
    const request = createRequester('/api', async () => new Response('<html></html>', { status: 200 }));
    await expect(request('/catalog/products')).rejects.toMatchObject({
      problem: { title: 'The shop sent an answer we could not read' },
    });
  });

  it('passes an abort through untouched so a left screen does not show an error', async () => {
    const controller = new AbortController();
    const request = createRequester('/api', async (_url, init) => {
      controller.abort();
      throw init?.signal?.reason ?? new Error('aborted');
    });
    await expect(request('/catalog/products', { signal: controller.signal })).rejects.not.toBeInstanceOf(
      ApiProblem,
    );
  });
});
