import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../../platform/auth.ts';
import type { Pool } from '../../platform/db.ts';
import { endpoint } from '../../platform/endpoint.ts';
import { IdParams, Page, problemResponses } from '../../platform/schemas.ts';
import { CustomersRepository } from './customers.repository.ts';
import { CustomerQuery, NewCustomer, SubjectParams } from './customers.schemas.ts';

const tags = ['customers'];
const CustomerRef = Type.Ref('Customer');

export const customersRoutes: FastifyPluginAsyncTypebox<{ pool: Pool }> = async (app, { pool }) => {
  const customers = new CustomersRepository(pool);

  app.route({
    ...endpoint('getMyCustomer'),
    schema: {
      tags,
      summary: "Read the signed-in user's own customer record (404 until created)",
      response: { 200: CustomerRef, ...problemResponses },
    },
    handler: async (request) => customers.getBySubject(callerOf(request).subject),
  });

  app.route({
    ...endpoint('putMyCustomer'),
    schema: {
      tags,
      summary: "Create or update the signed-in user's own customer record",
      body: NewCustomer,
      response: { 200: CustomerRef, 201: CustomerRef, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { customer, created } = await customers.putBySubject(callerOf(request).subject, request.body);
      return reply.code(created ? 201 : 200).send(customer);
    },
  });

  app.route({
    ...endpoint('getCustomer'),
    schema: {
      tags,
      summary: 'Read any customer record (admin)',
      params: IdParams,
      response: { 200: CustomerRef, ...problemResponses },
    },
    handler: async (request) => customers.get(request.params.id),
  });

  app.route({
    ...endpoint('listCustomers'),
    schema: {
      tags,
      summary: 'List every customer record (admin)',
      querystring: CustomerQuery,
      response: { 200: Page(CustomerRef), ...problemResponses },
    },
    handler: async (request) => customers.list(request.query),
  });

  app.route({
    ...endpoint('getCustomerBySubject'),
    schema: {
      tags: ['internal'],
      summary: "Read a user's customer record by token subject (internal, for the orders module)",
      params: SubjectParams,
      response: { 200: CustomerRef, ...problemResponses },
    },
    handler: async (request) => customers.getBySubject(request.params.subject),
  });
};
