import type { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { EVERY_OPTION } from '../helpers/every-option.ts';
import { synthStage } from '../helpers/synth.ts';

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
