import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript shipped to Lambda as is, without types.
import { generatePassword, handler } from '../../lambda/secure-string-password/index.mjs';

/** A real HTTP endpoint standing in for CloudFormation's pre-signed response URL. */
let server: Server;
let responses: Record<string, unknown>[] = [];
const ssm = mockClient(SSMClient);

beforeAll(async () => {
  server = createServer((request, reply) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      responses.push({ method: request.method, ...JSON.parse(body) });
      reply.end();
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(() => server.close());
beforeEach(() => {
  responses = [];
  ssm.reset();
});

function event(requestType: 'Create' | 'Update' | 'Delete', extra: Record<string, unknown> = {}) {
  const { port } = server.address() as AddressInfo;
  return {
    RequestType: requestType,
    ResponseURL: `http://127.0.0.1:${port}/response`,
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'Password',
    ResourceProperties: {
      ParameterName: '/shop/dev/db/password',
      Description: 'db',
      RetainOnDelete: 'false',
    },
    ...extra,
  };
}

describe('secure-string-password custom resource handler', () => {
  it('GIVEN generatePassword WHEN called THEN it returns 32 characters RDS accepts, different each time', () => {
    const first = generatePassword();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generatePassword()).not.toBe(first);
  });

  it('GIVEN Create WHEN handled THEN it writes a SecureString without overwriting and answers SUCCESS without the password', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    await handler(event('Create'));
    const put = ssm.commandCalls(PutParameterCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Name: '/shop/dev/db/password', Type: 'SecureString', Overwrite: false });
    expect(put?.Value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(responses).toEqual([
      expect.objectContaining({
        method: 'PUT',
        Status: 'SUCCESS',
        PhysicalResourceId: '/shop/dev/db/password',
        RequestId: 'request',
      }),
    ]);
    expect(JSON.stringify(responses)).not.toContain(put?.Value as string);
  });

  it('GIVEN the parameter already exists WHEN Create is retried THEN it keeps the old password and succeeds', async () => {
    ssm
      .on(PutParameterCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' }));
    await handler(event('Create'));
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS' });
  });

  it('GIVEN an Update that keeps the name WHEN handled THEN the password is not touched', async () => {
    await handler(event('Update', { PhysicalResourceId: '/shop/dev/db/password' }));
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS' });
  });

  it('GIVEN Delete WHEN handled THEN the parameter is deleted, unless RetainOnDelete', async () => {
    await handler(event('Delete', { PhysicalResourceId: '/shop/dev/db/password' }));
    expect(ssm.commandCalls(DeleteParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/shop/dev/db/password',
    });
    ssm.reset();
    const retained = event('Delete', { PhysicalResourceId: '/shop/dev/db/password' });
    retained.ResourceProperties.RetainOnDelete = 'true';
    await handler(retained);
    expect(ssm.commandCalls(DeleteParameterCommand)).toHaveLength(0);
  });

  it('GIVEN SSM refuses WHEN Create is handled THEN CloudFormation gets FAILED with the reason', async () => {
    ssm
      .on(PutParameterCommand)
      .rejects(Object.assign(new Error('AccessDenied: not allowed'), { name: 'AccessDeniedException' }));
    await handler(event('Create'));
    expect(responses[0]).toMatchObject({ Status: 'FAILED', Reason: 'AccessDenied: not allowed' });
  });
});
