import { beforeAll, describe, expect, it } from 'vitest';
import { resolveStage } from '../../src/config/index.ts';
import type { StageSettingsInput } from '../../src/config/types.ts';
import { rotationNeedsEndpoint } from '../../src/stacks/runtime-stack.ts';
import { resourcesOf, type SynthesizedStage, synthStage, TEST_ENV } from '../helpers/synth.ts';

const SECRETS_MANAGER = { store: 'secretsmanager', rotationDays: 30 } as const;

/** The interface endpoints for Secrets Manager, by logical id. */
function secretsManagerEndpoints(stage: SynthesizedStage) {
  return Object.entries(resourcesOf(stage.template, 'AWS::EC2::VPCEndpoint')).filter(([, endpoint]) =>
    JSON.stringify(endpoint.Properties.ServiceName).includes('.secretsmanager'),
  );
}

/** The parameters of the rotation application (the SAR Lambda that rotates the password), as JSON strings. */
function rotationParameters(stage: SynthesizedStage): Record<string, string> {
  const [application] = Object.values(resourcesOf(stage.template, 'AWS::Serverless::Application'));
  expect(application, 'a rotation application').toBeDefined();
  const parameters = (application?.Properties.Parameters ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, JSON.stringify(value)]));
}

describe.each(['nat-instance', 'endpoints'] as const)(
  'GIVEN secrets in Secrets Manager with rotation and %s build egress, WHEN synthesized',
  (buildEgress) => {
    let stage: SynthesizedStage;
    beforeAll(() => {
      stage = synthStage({ stages: { dev: { secrets: SECRETS_MANAGER, network: { buildEgress } } } });
    });

    it('THEN one Secrets Manager interface endpoint with private DNS sits in a build subnet', () => {
      const endpoints = secretsManagerEndpoints(stage);
      expect(endpoints).toHaveLength(1);
      const [, endpoint] = endpoints[0] ?? [];
      expect(endpoint?.Properties).toMatchObject({ VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
      expect(JSON.stringify(endpoint?.Properties.SubnetIds)).toMatch(/VpcbuildSubnet1/);
    });

    it('THEN the rotation Lambda runs in the build subnets and calls Secrets Manager through that endpoint', () => {
      const [endpointId] = secretsManagerEndpoints(stage)[0] ?? [];
      const parameters = rotationParameters(stage);
      expect(parameters.endpoint).toContain(`"Ref":"${endpointId}"`);
      const subnets = parameters.vpcSubnetIds;
      expect(subnets).toMatch(/VpcbuildSubnet1/);
      expect(subnets).toMatch(/VpcbuildSubnet2/);
    });
  },
);

describe('rotationNeedsEndpoint (when the build subnets lack steady egress to Secrets Manager)', () => {
  const needs = (settings: StageSettingsInput) =>
    rotationNeedsEndpoint(resolveStage({ stages: { dev: settings } }, 'dev', TEST_ENV));

  it('GIVEN rotation in Secrets Manager WHEN the NAT instance stops between migrations or egress is none THEN an endpoint is needed', () => {
    expect(needs({ secrets: SECRETS_MANAGER })).toBe(true);
    expect(
      needs({
        secrets: SECRETS_MANAGER,
        network: { buildEgress: 'none' },
        migrations: { runner: 'fargate-task' },
      }),
    ).toBe(true);
  });

  it('GIVEN steady egress, no rotation or the SSM store THEN no endpoint is added (nothing to pay for)', () => {
    expect(needs({ secrets: SECRETS_MANAGER, network: { buildEgress: 'nat-gateway' } })).toBe(false);
    expect(needs({ secrets: SECRETS_MANAGER, pipeline: { natAlwaysOn: true } })).toBe(false);
    expect(needs({ secrets: { store: 'secretsmanager', rotationDays: 0 } })).toBe(false);
    expect(needs({})).toBe(false);
  });
});
