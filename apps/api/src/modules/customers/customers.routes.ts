import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Pool } from '../../platform/db.ts';
import { IdParams, Page, problemResponses } from '../../platform/schemas.ts';
import { CustomersRepository } from './customers.repository.ts';
import { CustomerQuery, NewCustomer } from './customers.schemas.ts';

const tags = ['customers'];
const CustomerRef = Type.Ref('Customer');

export const customersRoutes: FastifyPluginAsyncTypebox<{ pool: Pool }> = async (app, { pool }) => {
  const customers = new CustomersRepository(pool);

  app.post(
    '/customers',
    {
      schema: {
        tags,
        operationId: 'createCustomer',
        body: NewCustomer,
        response: { 201: CustomerRef, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await customers.create(request.body)),
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        operationId: 'getCustomer',
        params: IdParams,
        response: { 200: CustomerRef, ...problemResponses },
      },
    },
    async (request) => customers.get(request.params.id),
  );

  app.get(
    '/customers',
    {
      schema: {
        tags,
        operationId: 'listCustomers',
        querystring: CustomerQuery,
        response: { 200: Page(CustomerRef), ...problemResponses },
      },
    },
    async (request) => customers.list(request.query),
  );
};
