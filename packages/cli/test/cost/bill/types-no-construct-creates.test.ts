import { describe, expect, it } from 'vitest';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

/**
 * Resource types no Shoestring construct creates, priced because a fork's template (`shoestring cost --template`)
 * may hold them: the trade-offs the seed design turned down (an ALB, Aurora) and what a fork adds (a public zone,
 * its own KMS key). Amounts by hand from the us-east-1 table at the fixture's usage (1 M requests of 8 KB).
 */
function templateWith(resources: Record<string, { Type: string; Properties: Record<string, unknown> }>) {
  const t = fixtureTemplate();
  for (const [id, resource] of Object.entries(resources)) {
    t.Resources[id] = { ...resource, Metadata: { 'aws:cdk:path': `ShoestringDev/Fork/${id}/Resource` } };
  }
  return t;
}

describe('types no construct creates', () => {
  it('prices an ALB by hour, LCU and public IPv4, and names a network load balancer as not priced', () => {
    const bill = billOf(
      templateWith({
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['a', 'b'] } },
        Nlb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: { Type: 'network', Subnets: ['a'] },
        },
      }),
    );
    // $0.0225 x 730 h = $16.425; 1 M requests / 2,628,000 s = 0.3805/s = 0.01522 LCU (> 7.63 GB / 730 h = 0.01045)
    // x $0.008 x 730 h = $0.0889; 2 public IPv4 x $0.005 x 730 h = $7.30: $23.81
    expect(lineOf(bill, 'Application Load Balancer Fork/Alb').usd).toBeCloseTo(23.81, 2);
    expect(lineOf(bill, 'network load balancer Fork/Nlb').kind).toBe('not-priced');
  });

  it('prices a public DNS namespace and a hosted zone at $0.50 each, and a KMS key at $1.00', () => {
    const bill = billOf(
      templateWith({
        PublicNs: { Type: 'AWS::ServiceDiscovery::PublicDnsNamespace', Properties: { Name: 'shop.example' } },
        Zone: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'example.com' } },
        Key: { Type: 'AWS::KMS::Key', Properties: {} },
      }),
    );
    expect(lineOf(bill, 'hosted zone of namespace Fork/PublicNs').usd).toBe(0.5);
    expect(lineOf(bill, 'hosted zone Fork/Zone').usd).toBe(0.5);
    expect(lineOf(bill, 'KMS key Fork/Key').usd).toBe(1);
  });

  it('prices Aurora Serverless v2 at its ACU floor per instance, and names a provisioned cluster as not priced', () => {
    const bill = billOf(
      templateWith({
        Aurora: {
          Type: 'AWS::RDS::DBCluster',
          Properties: { Engine: 'aurora-postgresql', ServerlessV2ScalingConfiguration: { MinCapacity: 0.5 } },
        },
        AuroraWriter: {
          Type: 'AWS::RDS::DBInstance',
          Properties: { DBClusterIdentifier: { Ref: 'Aurora' }, DBInstanceClass: 'db.serverless' },
        },
        Provisioned: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } },
      }),
    );
    // 0.5 ACU x $0.12 x 730 h = $43.80 (docs/cost.md: "Aurora's 0.5 ACU floor alone is $43.80")
    expect(lineOf(bill, 'Aurora Serverless v2 at its 0.5 ACU minimum').usd).toBe(43.8);
    expect(lineOf(bill, 'RDS cluster Fork/Provisioned').kind).toBe('not-priced');
  });
});
