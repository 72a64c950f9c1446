import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../../platform/auth.ts';
import { endpoint } from '../../platform/endpoint.ts';
import { IdParams, Page, problemResponses } from '../../platform/schemas.ts';
import { NewOrder, OrderQuery, PlaceOrderHeaders } from './orders.schemas.ts';
import type { OrdersService } from './orders.service.ts';

const tags = ['orders'];
const OrderRef = Type.Ref('Order');

export const ordersRoutes: FastifyPluginAsyncTypebox<{ service: OrdersService }> = async (
  app,
  { service },
) => {
  app.route({
    ...endpoint('placeOrder'),
    schema: {
      tags,
      summary: "Place an order for the caller's own customer record, reserving its stock",
      headers: PlaceOrderHeaders,
      body: NewOrder,
      response: { 200: OrderRef, 201: OrderRef, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { order, replayed } = await service.place(
        callerOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(order);
    },
  });

  app.route({
    ...endpoint('getOrder'),
    schema: {
      tags,
      summary: "Read one order: a shopper's own, any for an admin",
      params: IdParams,
      response: { 200: OrderRef, ...problemResponses },
    },
    handler: async (request) => service.get(callerOf(request), request.params.id),
  });

  app.route({
    ...endpoint('listOrders'),
    schema: {
      tags,
      summary: "List orders: a shopper's own, all (or one customer's) for an admin",
      querystring: OrderQuery,
      response: { 200: Page(OrderRef), ...problemResponses },
    },
    handler: async (request) => service.list(callerOf(request), request.query),
  });

  app.route({
    ...endpoint('cancelOrder'),
    schema: {
      tags,
      summary: "Cancel an order and give its stock back: a shopper's own, any for an admin",
      params: IdParams,
      response: { 200: OrderRef, ...problemResponses },
    },
    handler: async (request) => service.cancel(callerOf(request), request.params.id),
  });
};
