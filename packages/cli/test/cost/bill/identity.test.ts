import { describe, expect, it } from 'vitest';
import { toCents } from '../../../src/cost/models/charge.ts';
import { cognitoMonthly } from '../../../src/cost/models/identity.ts';
import { usEast1 as prices } from '../../../src/cost/prices/us-east-1.ts';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

describe('Cognito monthly active users', () => {
  it('gives Lite and Essentials 10,000 MAU free, then $0.0055 and $0.015 each; Plus has no free tier', () => {
    expect(toCents(cognitoMonthly(prices, 'lite', 9_000).usd)).toBe(0);
    expect(toCents(cognitoMonthly(prices, 'lite', 30_000).usd)).toBe(11_000); // 20,000 x $0.0055
    expect(toCents(cognitoMonthly(prices, 'essentials', 30_000).usd)).toBe(30_000); // 20,000 x $0.015
    expect(toCents(cognitoMonthly(prices, 'plus', 1_000).usd)).toBe(2_000); // 1,000 x $0.02
  });

  it('prices each user pool of a template at its plan, Essentials when the template names none', () => {
    const t = fixtureTemplate();
    t.Resources.Pool = {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UserPoolTier: 'LITE' },
      Metadata: { 'aws:cdk:path': 'ShoestringDev/SignIn/UserPool/Resource' },
    };
    t.Resources.Other = {
      Type: 'AWS::Cognito::UserPool',
      Properties: {},
      Metadata: { 'aws:cdk:path': 'ShoestringDev/Other/Resource' },
    };
    const bill = billOf(t, { monthlyActiveUsers: 12_000 });
    expect(lineOf(bill, 'Cognito user pool SignIn/UserPool (lite)')).toMatchObject({
      usd: 11, // 2,000 x $0.0055
      kind: 'usage',
      component: 'api',
    });
    expect(lineOf(bill, 'Cognito user pool Other (essentials)').usd).toBe(30); // 2,000 x $0.015
  });
});
