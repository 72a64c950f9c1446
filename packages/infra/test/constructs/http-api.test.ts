import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { HttpApiGateway } from '../../src/constructs/http-api.ts';

describe('HttpApiGateway validation', () => {
  it('GIVEN no backend WHEN constructed THEN it throws naming the construct and the fix', () => {
    const stack = new Stack(new App(), 'Api');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    expect(
      () =>
        new HttpApiGateway(stack, 'Api', {
          vpc,
          subnets: { subnetType: ec2.SubnetType.PUBLIC },
          backends: [],
        }),
    ).toThrow('HttpApiGateway: give at least one backend');
  });
});
