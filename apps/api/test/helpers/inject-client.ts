import type { FastifyInstance } from 'fastify';
import type { ShopClient } from './shop.ts';

export function injectClient(app: FastifyInstance): ShopClient {
  return {
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as string }),
      });
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: () => response.json(),
      };
    },
  };
}
