import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Pool } from '../../platform/db.ts';
import { rejectForwardedRequests } from '../../platform/errors.ts';
import { IdParams, Page, problemResponses } from '../../platform/schemas.ts';
import {
  NewProduct,
  ProductChanges,
  ProductQuery,
  Reservation,
  ReservationRequest,
  StockAdjustment,
} from './catalog.schemas.ts';
import { ProductsRepository } from './products.repository.ts';
import { releaseStock, reserveStock } from './stock-reservations.ts';

const tags = ['catalog'];
const ProductRef = Type.Ref('Product');

/** The catalog's public HTTP routes, plus the internal reservation routes its remote facade calls. */
export const catalogRoutes: FastifyPluginAsyncTypebox<{ pool: Pool }> = async (app, { pool }) => {
  const products = new ProductsRepository(pool);

  app.get(
    '/catalog/products',
    {
      schema: {
        tags,
        operationId: 'listProducts',
        querystring: ProductQuery,
        response: { 200: Page(ProductRef), ...problemResponses },
      },
    },
    async (request) => products.list(request.query),
  );

  app.get(
    '/catalog/products/:id',
    {
      schema: {
        tags,
        operationId: 'getProduct',
        params: IdParams,
        response: { 200: ProductRef, ...problemResponses },
      },
    },
    async (request) => products.get(request.params.id),
  );

  app.post(
    '/catalog/products',
    {
      schema: {
        tags,
        operationId: 'createProduct',
        body: NewProduct,
        response: { 201: ProductRef, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await products.create(request.body)),
  );

  app.patch(
    '/catalog/products/:id',
    {
      schema: {
        tags,
        operationId: 'updateProduct',
        params: IdParams,
        body: ProductChanges,
        response: { 200: ProductRef, ...problemResponses },
      },
    },
    async (request) => products.update(request.params.id, request.body),
  );

  app.post(
    '/catalog/products/:id/stock-adjustments',
    {
      schema: {
        tags,
        operationId: 'adjustStock',
        params: IdParams,
        body: StockAdjustment,
        response: { 200: ProductRef, ...problemResponses },
      },
    },
    async (request) => products.adjustStock(request.params.id, request.body.delta),
  );

  // Reached only by the remote catalog facade, never through the gateway (ADR 0021).
  const internal = { tags: ['internal'], params: IdParams };
  const onRequest = rejectForwardedRequests;
  app.put(
    '/internal/catalog/reservations/:id',
    {
      onRequest,
      schema: {
        ...internal,
        operationId: 'reserveStock',
        body: ReservationRequest,
        response: { 200: Reservation, ...problemResponses },
      },
    },
    async (request) => ({ lines: await reserveStock(pool, request.params.id, request.body.lines) }),
  );

  app.delete(
    '/internal/catalog/reservations/:id',
    {
      onRequest,
      schema: {
        ...internal,
        operationId: 'releaseStock',
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await releaseStock(pool, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
