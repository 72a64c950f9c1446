import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Pool } from '../../platform/db.ts';
import { endpoint } from '../../platform/endpoint.ts';
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

  app.route({
    ...endpoint('listProducts'),
    schema: {
      tags,
      summary: 'List products, optionally by name or SKU and in stock only',
      querystring: ProductQuery,
      response: { 200: Page(ProductRef), ...problemResponses },
    },
    handler: async (request) => products.list(request.query),
  });

  app.route({
    ...endpoint('getProduct'),
    schema: {
      tags,
      summary: 'Read one product',
      params: IdParams,
      response: { 200: ProductRef, ...problemResponses },
    },
    handler: async (request) => products.get(request.params.id),
  });

  app.route({
    ...endpoint('createProduct'),
    schema: {
      tags,
      summary: 'Add a product (admin)',
      body: NewProduct,
      response: { 201: ProductRef, ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await products.create(request.body)),
  });

  app.route({
    ...endpoint('updateProduct'),
    schema: {
      tags,
      summary: "Change a product's name or price (admin)",
      params: IdParams,
      body: ProductChanges,
      response: { 200: ProductRef, ...problemResponses },
    },
    handler: async (request) => products.update(request.params.id, request.body),
  });

  app.route({
    ...endpoint('adjustStock'),
    schema: {
      tags,
      summary: "Add to or take from a product's stock (admin)",
      params: IdParams,
      body: StockAdjustment,
      response: { 200: ProductRef, ...problemResponses },
    },
    handler: async (request) => products.adjustStock(request.params.id, request.body.delta),
  });

  // Called only by the remote catalog facade with the service credential, never routed from the edge (ADR 0021).
  const internal = { tags: ['internal'], params: IdParams };
  app.route({
    ...endpoint('reserveStock'),
    schema: {
      ...internal,
      summary: "Reserve stock for an order's lines, all or nothing (internal)",
      body: ReservationRequest,
      response: { 200: Reservation, ...problemResponses },
    },
    handler: async (request) => ({ lines: await reserveStock(pool, request.params.id, request.body.lines) }),
  });

  app.route({
    ...endpoint('releaseStock'),
    schema: {
      ...internal,
      summary: "Give an order's reserved stock back (internal)",
      response: { 204: Type.Null(), ...problemResponses },
    },
    handler: async (request, reply) => {
      await releaseStock(pool, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
