import { describe, expect, it } from 'vitest';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

describe('the bill of the hand-written dev template at the default usage', () => {
  const bill = billOf(fixtureTemplate());
  const usd = (text: string) => lineOf(bill, text).usd;

  it('prices the always-on lines from the template values', () => {
    expect(usd('Fargate ARM 0.25 vCPU / 0.5 GB')).toBe(7.21); // (0.25 x 0.03238 + 0.5 x 0.00356) x 730
    expect(usd('Public IPv4, one per task')).toBe(3.65);
    expect(usd('Cloud Map instances')).toBe(0.1);
    expect(usd('Route 53 hosted zone')).toBe(0.5);
    expect(usd('RDS PostgreSQL instance')).toBe(11.68);
    expect(usd('RDS storage')).toBe(2.3);
    expect(usd('Root volume of')).toBe(0.64);
  });

  it('runs the NAT instance only during migrations: 20 x (2.5 + 1) min = 1.17 h', () => {
    const nat = lineOf(bill, 'NAT instance t4g.nano');
    expect(nat.kind).toBe('usage');
    expect(nat.how).toBe('t4g.nano $0.0042 x 1.166667 h');
    expect(nat.usd).toBe(0); // 1.1667 x 0.0042 = $0.0049
    expect(usd('Public IPv4 of')).toBe(0.01); // 1.1667 x 0.005 = $0.0058
  });

  it('splits the deploy build minutes over the two projects and prices the pipeline actions', () => {
    expect(usd('CodeBuild Pipeline/ImageBuild (arm1.small)')).toBe(0); // 50 arm1.small minutes, all free
    expect(usd('CodeBuild Pipeline/Migrate (general1.medium, in VPC)')).toBe(0.5); // 50 min x $0.01
    // Source 1 + Image 2.5 + StartNat 1 + Migrate 2.5 + Deploy 1 = 8 min (approval left out) x 20 = 160 - 100 free
    expect(usd('CodePipeline V2 action minutes')).toBe(0.12);
  });

  it('prices usage lines at the default profile', () => {
    expect(usd('API Gateway HTTP API requests')).toBe(1);
    expect(usd('Data transfer out (API responses)')).toBe(0);
    expect(usd('ECR images (CDK bootstrap assets repository)')).toBe(0.15);
    expect(usd('S3 storage Pipeline/Artifacts')).toBe(0.02);
    expect(usd('X-Ray traces recorded')).toBe(0);
    expect(usd('CloudWatch Logs ingestion (2 log groups)')).toBe(0);
  });

  it('lists an unknown type as not priced, never as $0, and known free types as free', () => {
    const waf = lineOf(bill, 'AWS::WAFv2::WebACL');
    expect(waf).toMatchObject({ kind: 'not-priced', usd: null, component: 'edge' });
    expect(lineOf(bill, 'AWS::ApiGatewayV2::VpcLink')).toMatchObject({ kind: 'free', usd: 0 });
    expect(lineOf(bill, 'Custom::SecureStringPassword')).toMatchObject({
      kind: 'free',
      component: 'secrets',
    });
    expect(bill.notPricedCount).toBe(1);
  });

  it('adds up to the hand-computed total: fixed $26.08 + usage $1.80 = $27.88', () => {
    expect(bill.fixedUsd).toBe(26.08);
    expect(bill.usageUsd).toBe(1.8);
    expect(bill.totalUsd).toBe(27.88);
  });

  it('groups lines by the component in their construct path', () => {
    expect(lineOf(bill, 'NAT instance').component).toBe('network');
    expect(lineOf(bill, 'CodeBuild Pipeline/Migrate (general1.medium, in VPC)').component).toBe('pipelines');
    expect(lineOf(bill, 'RDS storage').component).toBe('database');
    expect(lineOf(bill, 'CloudFront').component).toBe('edge');
  });
});
