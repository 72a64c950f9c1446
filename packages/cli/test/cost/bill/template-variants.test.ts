import { describe, expect, it } from 'vitest';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

const path = (p: string) => ({ 'aws:cdk:path': `ShoestringDev/${p}` });

/** The dev template with x86 tasks split over Fargate and Fargate Spot, NAT gateways and an interface endpoint. */
function variantTemplate() {
  const t = fixtureTemplate();
  const td = t.Resources.TaskDef!.Properties;
  delete td.RuntimePlatform;
  const service = t.Resources.Service!.Properties;
  delete service.LaunchType;
  service.CapacityProviderStrategy = [
    { CapacityProvider: 'FARGATE', Base: 1, Weight: 1 },
    { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
  ];
  t.Resources.Database!.Properties.MultiAZ = true;
  for (const az of ['A', 'B']) {
    t.Resources[`Eip${az}`] = {
      Type: 'AWS::EC2::EIP',
      Properties: { Domain: 'vpc' },
      Metadata: path(`Network/Eip${az}`),
    };
    t.Resources[`Nat${az}`] = {
      Type: 'AWS::EC2::NatGateway',
      Properties: {
        AllocationId: { 'Fn::GetAtt': [`Eip${az}`, 'AllocationId'] },
        SubnetId: { Ref: `Public${az}` },
      },
      Metadata: path(`Network/Nat${az}`),
    };
  }
  t.Resources.EcrEndpoint = {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      VpcEndpointType: 'Interface',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ecr.api']] },
      SubnetIds: [{ Ref: 'PrivateA' }, { Ref: 'PrivateB' }],
    },
    Metadata: path('Network/Vpc/EcrApi/Resource'),
  };
  t.Resources.NatInstance!.Properties.InstanceType = 'm9.huge';
  return t;
}

describe('template values that change the bill', () => {
  const bill = billOf(variantTemplate(), { avgTaskCount: 3 });

  it('places the base task on demand and splits the autoscaled two by weight', () => {
    expect(lineOf(bill, 'Fargate x86 0.25 vCPU / 0.5 GB (Compute/Api/Service/Service)')).toMatchObject({
      kind: 'fixed',
      usd: 9.01,
    });
    expect(
      lineOf(bill, 'Fargate x86 0.25 vCPU / 0.5 GB (Compute/Api/Service/Service, autoscaled'),
    ).toMatchObject({ kind: 'usage', usd: 9.01 });
    // 9.010025 x 0.35 = 3.1535
    expect(lineOf(bill, 'Fargate Spot x86')).toMatchObject({ kind: 'usage', usd: 3.15 });
    expect(lineOf(bill, 'Public IPv4, one per task (Compute/Api/Service/Service), autoscaled').usd).toBe(7.3);
    expect(lineOf(bill, 'Cloud Map instances (Compute/Api/Service/CloudmapService), autoscaled').usd).toBe(
      0.2,
    );
  });

  it('doubles the database for Multi-AZ', () => {
    expect(lineOf(bill, 'RDS PostgreSQL instance').usd).toBe(23.36);
    expect(lineOf(bill, 'RDS storage').usd).toBe(4.6);
  });

  it('prices NAT gateways with their Elastic IPs and data, and the interface endpoint per AZ', () => {
    expect(lineOf(bill, 'NAT gateway x2').usd).toBe(65.7);
    expect(lineOf(bill, 'NAT gateway data processed').usd).toBe(0.23); // 5 GB x 0.045 = 0.225
    expect(bill.lines.filter((l) => l.item.startsWith('Public IPv4, Elastic IP')).map((l) => l.usd)).toEqual([
      3.65, 3.65,
    ]);
    expect(lineOf(bill, 'Interface endpoint ecr.api x 2 AZ').usd).toBe(14.6);
  });

  it('refuses to guess an instance type it has no price for', () => {
    expect(lineOf(bill, 'NAT instance m9.huge')).toMatchObject({ kind: 'not-priced', usd: null });
    expect(bill.notPricedCount).toBe(2);
  });

  it('reports Fargate Spot on ARM as not priced: Spot runs x86 only', () => {
    const arm = variantTemplate();
    arm.Resources.TaskDef!.Properties.RuntimePlatform = { CpuArchitecture: 'ARM64' };
    const armBill = billOf(arm, { avgTaskCount: 3 });
    expect(lineOf(armBill, 'Fargate Spot ARM')).toMatchObject({ kind: 'not-priced', usd: null });
  });
});

describe('one-off task definitions', () => {
  function withMigrationTask(pipeline: boolean) {
    const t = fixtureTemplate();
    t.Resources.MigrationTask = {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: { Cpu: '512', Memory: '1024', RuntimePlatform: { CpuArchitecture: 'ARM64' } },
      Metadata: path('Pipeline/MigrationTask/Resource'),
    };
    if (!pipeline) delete t.Resources.Pipeline;
    return t;
  }

  it('runs once per deploy as long as a build step: 20 x 2.5 min = 0.833 h x (0.5 x 0.03238 + 1 x 0.00356) = $0.02', () => {
    const task = lineOf(billOf(withMigrationTask(true)), 'Fargate one-off task Pipeline/MigrationTask');
    expect(task).toMatchObject({ kind: 'usage', usd: 0.02, component: 'pipelines' });
  });

  it('costs nothing without a pipeline to run it', () => {
    expect(lineOf(billOf(withMigrationTask(false)), 'Task definition Pipeline/MigrationTask')).toMatchObject({
      kind: 'free',
      usd: 0,
    });
  });
});
