/**
 * A second reference for the two catalog reads (`npm run bench -- --floor`): Fastify 5 with the API's own schemas and
 * validation options (the path or query string validated and coerced, the response serialised from its schema) and
 * named prepared statements, but no logger, hooks or plugins. The plain baseline to this server is what Fastify
 * costs; this server to the API is what the platform costs (request line, metrics, deadline, request id, the
 * request's logger).
 * Run: PORT=... DATABASE_URL=... node --import tsx bench/baseline/fastify-floor.ts
 */
import Fastify from 'fastify';
import { type Static, Type } from 'typebox';
import { Product, ProductQuery } from '../../apps/api/src/modules/catalog/catalog.schemas.ts';
import { toProduct } from '../../apps/api/src/modules/catalog/products.repository.ts';
import { AJV_OPTIONS, IdParams, Page } from '../../apps/api/src/platform/schemas.ts';
import { referencePool } from './pool.ts';
import { BASELINE_SQL as SQL } from './sql.ts';

const pool = referencePool('shoestring-fastify-floor');

// Fastify's default keep-alive (72 s), as the API's.
const app = Fastify({ logger: false, ajv: AJV_OPTIONS });
const NotFound = Type.Object({ error: Type.String() });

app.get<{ Params: Static<typeof IdParams> }>(
  '/catalog/products/:id',
  { schema: { params: IdParams, response: { 200: Product, 404: NotFound } } },
  async (request, reply) => {
    const { id } = request.params;
    const result = await pool.query({ name: 'getProduct', text: SQL.getProduct, values: [id] });
    if (!result.rows[0]) return reply.code(404).send({ error: `Product ${id} does not exist.` });
    return toProduct(result.rows[0]);
  },
);

app.get<{ Querystring: Static<typeof ProductQuery> }>(
  '/catalog/products',
  { schema: { querystring: ProductQuery, response: { 200: Page(Product) } } },
  async (request) => {
    const { limit, offset } = request.query;
    const values = [null, null, limit, offset];
    const result = await pool.query({ name: 'listProducts', text: SQL.listProducts, values });
    const total = result.rows[0]
      ? Number(result.rows[0].total)
      : Number(
          (await pool.query({ name: 'countProducts', text: SQL.countProducts, values: [null, null] })).rows[0]
            .total,
        );
    return { items: result.rows.map(toProduct), total, limit, offset };
  },
);

app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 8081), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => pool.end()));
