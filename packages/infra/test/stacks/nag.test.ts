import type { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import type { ShoestringConfigInput } from '../../src/config/types.ts';
import { synthStage } from '../helpers/synth.ts';

/** Every option that adds resources, so each acknowledgement is exercised. */
const EVERY_OPTION: ShoestringConfigInput = {
  stages: {
    prod: {
      network: { buildEgress: 'endpoints' },
      services: {
        api: { modules: ['orders', 'customers'] },
        catalog: { modules: ['catalog'], architecture: 'x86_64', spotPercent: 50 },
      },
      secrets: { store: 'secretsmanager' },
      observability: { metrics: 'prometheus', dashboards: 'grafana', alarmEmail: 'ops@example.com' },
      api: {
        jwt: { issuer: 'https://auth.example.com/', audience: ['shop'] },
        corsOrigins: ['https://shop.example.com'],
        domain: {
          name: 'api.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
        },
      },
      edge: {
        domain: {
          name: 'shop.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def-456',
        },
      },
    },
  },
};

// cdk-nag v3 is a CDK policy-validation plugin: synthesis throws ValidationFailed listing each unacknowledged rule.
describe('cdk-nag AwsSolutionsChecks', () => {
  it('GIVEN a bucket nobody acknowledged WHEN synthesized with the checks THEN synthesis fails naming the rule', () => {
    const addBareBucket = (stack: Stack) => new s3.Bucket(stack, 'Unacknowledged');
    expect(() => synthStage({}, 'dev', { nag: true, extend: addBareBucket })).toThrow(/AwsSolutions-S1/);
  });

  it('GIVEN the default dev stage WHEN synthesized with the checks THEN no finding is left unacknowledged', () => {
    expect(() => synthStage({}, 'dev', { nag: true })).not.toThrow();
  });

  it('GIVEN every optional resource (prod) WHEN synthesized with the checks THEN no finding is left unacknowledged', () => {
    expect(() => synthStage(EVERY_OPTION, 'prod', { nag: true })).not.toThrow();
  });
});
