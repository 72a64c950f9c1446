import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../platform/schemas.ts';
import { NewOrder, OrderQuery, PlaceOrderHeaders } from './orders.schemas.ts';
import type { OrdersService } from './orders.service.ts';

const tags = ['orders'];
const OrderRef = Type.Ref('Order');

export const ordersRoutes: FastifyPluginAsyncTypebox<{ service: OrdersService }> = async (
  app,
  { service },
) => {
  app.post(
    '/orders',
    {
      schema: {
        tags,
        operationId: 'placeOrder',
        headers: PlaceOrderHeaders,
        body: NewOrder,
        response: { 200: OrderRef, 201: OrderRef, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { order, replayed } = await service.place(request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(order);
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        operationId: 'getOrder',
        params: IdParams,
        response: { 200: OrderRef, ...problemResponses },
      },
    },
    async (request) => service.orders.get(request.params.id),
  );

  app.get(
    '/orders',
    {
      schema: {
        tags,
        operationId: 'listOrders',
        querystring: OrderQuery,
        response: { 200: Page(OrderRef), ...problemResponses },
      },
    },
    async (request) => service.orders.list(request.query),
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        tags,
        operationId: 'cancelOrder',
        params: IdParams,
        response: { 200: OrderRef, ...problemResponses },
      },
    },
    async (request) => service.cancel(request.params.id),
  );
};
