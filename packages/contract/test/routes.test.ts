import { describe, expect, it } from 'vitest';
import { bracedPath, EDGE_OPERATIONS, matchOperation, OPERATIONS } from '../src/index.ts';

describe('route table', () => {
  it('names each operation once and each method + path once', () => {
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('routes nothing internal or operational from the edge', () => {
    for (const o of EDGE_OPERATIONS) {
      expect(o.path.startsWith('/internal/')).toBe(false);
      expect(['/health', '/ready', '/metrics', '/openapi.json']).not.toContain(o.path);
    }
  });

  it('keeps internal operations, and only them, under /internal/', () => {
    for (const o of OPERATIONS)
      expect(o.path.startsWith('/internal/'), o.operationId).toBe(o.access === 'internal');
  });

  it("routes /customers/me to the caller's record, not to a customer id", () => {
    expect(matchOperation('GET', '/customers/me')?.operationId).toBe('getMyCustomer');
    expect(matchOperation('PUT', '/customers/me')?.operationId).toBe('putMyCustomer');
    expect(matchOperation('GET', '/customers/8d1c')?.operationId).toBe('getCustomer');
  });

  it('matches a concrete path to its operation, literals before parameters', () => {
    expect(matchOperation('get', '/catalog/products/abc')?.operationId).toBe('getProduct');
    expect(matchOperation('POST', '/orders/abc/cancel')?.operationId).toBe('cancelOrder');
    expect(matchOperation('GET', '/catalog/products/')).toBeUndefined();
    expect(matchOperation('DELETE', '/catalog/products/abc')).toBeUndefined();
    expect(matchOperation('GET', '/catalog/products/abc/extra')).toBeUndefined();
  });

  it('prefers a literal segment over a parameter whatever the order of the table', () => {
    const byId = {
      operationId: 'byId',
      method: 'GET',
      path: '/things/:id',
      module: 'catalog',
      access: 'admin',
    } as const;
    const mine = { ...byId, operationId: 'mine', path: '/things/me' };
    expect(matchOperation('GET', '/things/me', [byId, mine])?.operationId).toBe('mine');
    expect(matchOperation('GET', '/things/42', [byId, mine])?.operationId).toBe('byId');
  });

  it('writes path parameters the way OpenAPI and API Gateway do', () => {
    expect(bracedPath('/orders/:id/cancel')).toBe('/orders/{id}/cancel');
  });
});
