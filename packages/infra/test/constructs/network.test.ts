import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/constructs/network.ts';
import { synthNetwork, ZONES } from '../helpers/network.ts';
import { resourcesOf } from '../helpers/synth.ts';

/** Route table ids of the subnets whose logical id contains `group` (CDK names subnets after their group). */
function defaultRoutesOf(template: Template, group: string) {
  const routes = resourcesOf(template, 'AWS::EC2::Route');
  return Object.entries(routes)
    .filter(
      ([id, route]) => id.includes(`${group}Subnet`) && route.Properties.DestinationCidrBlock === '0.0.0.0/0',
    )
    .map(([, route]) => route.Properties);
}

describe('Network, default egress (NAT instance)', () => {
  let template: Template;
  let network: Network;
  beforeAll(() => {
    ({ template, network } = synthNetwork());
  });

  it('THEN the VPC spans two AZs with public, build and database subnets', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    for (const zone of ZONES) {
      template.resourcePropertiesCountIs('AWS::EC2::Subnet', { AvailabilityZone: zone }, 3);
    }
  });

  it('THEN public subnets map public IPs (tasks pull images without NAT) and database subnets are isolated', () => {
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 2);
    expect(defaultRoutesOf(template, 'database')).toEqual([]);
  });

  it('THEN there is no NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('THEN one t4g.nano NAT instance forwards traffic (source/dest check off)', () => {
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.hasResourceProperties('AWS::EC2::Instance', {
      InstanceType: 't4g.nano',
      SourceDestCheck: false,
    });
    expect(network.natInstance).toBeDefined();
  });

  it('THEN both build subnets route 0.0.0.0/0 through the NAT instance', () => {
    const routes = defaultRoutesOf(template, 'build');
    expect(routes).toHaveLength(2);
    const [instanceId] = Object.keys(resourcesOf(template, 'AWS::EC2::Instance'));
    for (const route of routes) expect(route.InstanceId).toEqual({ Ref: instanceId });
  });

  it('THEN the NAT instance admits only the VPC CIDR, not the internet', () => {
    const groups = resourcesOf(template, 'AWS::EC2::SecurityGroup');
    const nat = Object.entries(groups).find(([id]) => id.includes('NatSecurityGroup'));
    const ingress = nat?.[1].Properties.SecurityGroupIngress as { CidrIp: unknown }[];
    expect(ingress).toHaveLength(1);
    expect(ingress[0]?.CidrIp).toEqual({ 'Fn::GetAtt': [expect.stringContaining('Vpc'), 'CidrBlock'] });
    expect(JSON.stringify(nat?.[1].Properties.SecurityGroupIngress)).not.toContain('0.0.0.0/0');
  });

  it('THEN S3 is reached through a free gateway endpoint', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('\\.s3$')])]),
      }),
    });
  });

  it('THEN the migration build gets its own security group', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Migration build'),
    });
  });
});

describe('Network, other build egress choices', () => {
  it('GIVEN nat-gateway WHEN synthesized THEN exactly one NAT gateway and no instance', () => {
    const { template } = synthNetwork('nat-gateway');
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::Instance', 0);
    expect(defaultRoutesOf(template, 'build')).toHaveLength(2);
  });

  it('GIVEN endpoints WHEN synthesized THEN six interface endpoints in one AZ and no route to the internet', () => {
    const { template, network } = synthNetwork('endpoints');
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 6);
    const endpoints = Object.values(resourcesOf(template, 'AWS::EC2::VPCEndpoint')).filter(
      (endpoint) => endpoint.Properties.VpcEndpointType === 'Interface',
    );
    for (const endpoint of endpoints) expect(endpoint.Properties.SubnetIds).toHaveLength(1);
    expect(defaultRoutesOf(template, 'build')).toEqual([]);
    expect(network.natInstance).toBeUndefined();
  });

  it('GIVEN none WHEN synthesized THEN the build subnets are isolated', () => {
    const { template } = synthNetwork('none');
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 0);
    expect(defaultRoutesOf(template, 'build')).toEqual([]);
  });
});
