import { publicIpv4Monthly } from '../../models/compute.ts';
import {
  ebsVolumeMonthly,
  ec2InstanceHours,
  interfaceEndpointsMonthly,
  natGatewayData,
  natGatewayHours,
} from '../../models/network.ts';
import type { TemplateResource } from '../../template/read.ts';
import {
  asArray,
  asRecord,
  joinedString,
  label,
  literalBoolean,
  literalNumber,
  literalString,
  referencedId,
  refersTo,
  resourceKey,
} from '../../template/values.ts';
import { type BillLine, line, notPriced, type Pricer, type PricingContext } from '../types.ts';
import { minutesPerRun } from './pipelines.ts';

export const priceNatGateways: Pricer = (gateways, ctx) => {
  const keys = gateways.map(resourceKey);
  const component = ctx.componentOf(gateways[0]!);
  const n = gateways.length;
  return [
    line(component, `NAT gateway x${n}`, 'fixed', natGatewayHours(ctx.prices, n), keys),
    line(
      component,
      'NAT gateway data processed',
      'usage',
      natGatewayData(ctx.prices, ctx.usage.natGbPerMonth),
      keys,
    ),
  ];
};

/** Elastic IPs are public IPv4 addresses: billed by the hour whether attached or not. */
export const priceElasticIps: Pricer = (eips, ctx) =>
  eips.map((eip) =>
    line(
      ctx.componentOf(eip),
      `Public IPv4, Elastic IP (${label(eip)})`,
      'fixed',
      publicIpv4Monthly(ctx.prices, 1),
      [resourceKey(eip)],
    ),
  );

export const priceEc2Instances: Pricer = (instances, ctx) => instances.flatMap((i) => priceInstance(i, ctx));

function priceInstance(instance: TemplateResource, ctx: PricingContext): BillLine[] {
  const p = instance.properties;
  const component = ctx.componentOf(instance);
  const isNat = literalBoolean(p.SourceDestCheck) === false;
  const type = literalString(p.InstanceType) ?? 'unknown';
  const name = `${isNat ? 'NAT instance' : 'EC2 instance'} ${type} (${label(instance)})`;
  const keys = [resourceKey(instance)];
  const switched = isStoppedBetweenRuns(instance, ctx);
  const hours = switched ? runningHoursPerMonth(ctx) : ctx.prices.hoursPerMonth;
  const kind = switched ? 'usage' : 'fixed';
  const item = switched ? `${name}, running only during migrations` : name;
  const compute = ec2InstanceHours(ctx.prices, type, hours);
  const root = asRecord(asRecord(asArray(p.BlockDeviceMappings)[0]).Ebs);
  // The Amazon Linux 2023 AMIs CDK picks boot from an 8 GB gp3 volume unless the template says otherwise.
  const volumeType = literalString(root.VolumeType) ?? 'gp3';
  const volume = ebsVolumeMonthly(ctx.prices, literalNumber(root.VolumeSize) ?? 8, volumeType);
  const lines = [
    compute
      ? line(component, item, kind, compute, keys)
      : notPriced(component, item, `instance type ${type} is not in the price table`, keys),
    volume
      ? line(component, `Root volume of ${label(instance)}`, 'fixed', volume, keys)
      : notPriced(
          component,
          `Root volume of ${label(instance)}`,
          `volume type ${volumeType} is not in the price table`,
          keys,
        ),
  ];
  if (hasAutoAssignedPublicIp(instance, ctx)) {
    // An auto-assigned address is released when the instance stops, so it bills only while it runs.
    lines.push(
      line(
        component,
        `Public IPv4 of ${label(instance)}`,
        kind,
        publicIpv4Monthly(ctx.prices, 1, hours),
        keys,
      ),
    );
  }
  return lines;
}

/**
 * Some role of the stage may stop the instance (the pipeline's NAT switch): it then runs only while migrations need
 * it. The role names the instance by reference, or (ADR 0121) grants `instance/*` on the condition of tags that
 * this instance carries.
 */
function isStoppedBetweenRuns(instance: TemplateResource, ctx: PricingContext): boolean {
  return ctx.byType('AWS::IAM::Policy').some((policy) =>
    asArray(asRecord(policy.properties.PolicyDocument).Statement).some((raw) => {
      const statement = asRecord(raw);
      const actions = [statement.Action].flat();
      const target =
        (policy.stack === instance.stack
          ? refersTo(statement.Resource, instance.logicalId)
          : JSON.stringify(statement.Resource ?? '').includes(instance.logicalId)) ||
        grantsByTags(statement, instance);
      return actions.includes('ec2:StopInstances') && target;
    }),
  );
}

/** A statement on any instance, limited by `aws:ResourceTag/...` equalities that all hold for this instance. */
function grantsByTags(statement: Record<string, unknown>, instance: TemplateResource): boolean {
  if (!JSON.stringify(statement.Resource ?? '').includes(':instance/*')) return false;
  const prefix = 'aws:ResourceTag/';
  const wanted = Object.entries(asRecord(asRecord(statement.Condition).StringEquals)).filter(([key]) =>
    key.startsWith(prefix),
  );
  const tags = new Map(
    asArray(instance.properties.Tags).map((tag) => [asRecord(tag).Key, asRecord(tag).Value]),
  );
  return wanted.length > 0 && wanted.every(([key, value]) => tags.get(key.slice(prefix.length)) === value);
}

/** Each deploy runs the VPC builds once; the instance is started about a minute before and stopped after. */
function runningHoursPerMonth(ctx: PricingContext): number {
  const vpcBuilds = ctx
    .byType('AWS::CodeBuild::Project')
    .filter((p) => p.properties.VpcConfig !== undefined).length;
  return (ctx.usage.deploysPerMonth * (Math.max(1, vpcBuilds) * minutesPerRun(ctx) + 1)) / 60;
}

/** An instance in a subnet that maps public IPs on launch gets one, unless an Elastic IP (priced on its own) is attached. */
function hasAutoAssignedPublicIp(instance: TemplateResource, ctx: PricingContext): boolean {
  const p = instance.properties;
  const hasEip = ctx
    .byType('AWS::EC2::EIP')
    .some((e) => e.stack === instance.stack && refersTo(e.properties, instance.logicalId));
  const hasAssociation = ctx
    .byType('AWS::EC2::EIPAssociation')
    .some((a) => a.stack === instance.stack && refersTo(a.properties, instance.logicalId));
  if (hasEip || hasAssociation) return false;
  const nic = asRecord(asArray(p.NetworkInterfaces)[0]);
  const explicit = literalBoolean(nic.AssociatePublicIpAddress);
  if (explicit !== undefined) return explicit;
  const subnetId = referencedId(p.SubnetId) ?? referencedId(nic.SubnetId);
  const subnet = subnetId ? ctx.find(instance.stack, subnetId) : undefined;
  return literalBoolean(subnet?.properties.MapPublicIpOnLaunch) === true;
}

/** Interface endpoints bill per subnet (one network interface per AZ); gateway endpoints are free. */
export const priceVpcEndpoints: Pricer = (endpoints, ctx) =>
  endpoints.map((endpoint) => {
    const p = endpoint.properties;
    const component = ctx.componentOf(endpoint);
    const service = serviceName(p.ServiceName);
    const keys = [resourceKey(endpoint)];
    if (literalString(p.VpcEndpointType) !== 'Interface') {
      return {
        component,
        item: `Gateway endpoint ${service}`,
        kind: 'free' as const,
        usd: 0,
        how: 'gateway endpoints are free',
        resources: keys,
      };
    }
    const subnets = Array.isArray(p.SubnetIds) ? p.SubnetIds.length : undefined;
    if (subnets === undefined)
      return notPriced(component, `Interface endpoint ${service}`, 'subnet list is not literal', keys);
    return line(
      component,
      `Interface endpoint ${service} x ${subnets} AZ`,
      'fixed',
      interfaceEndpointsMonthly(ctx.prices, subnets),
      keys,
    );
  });

/** `com.amazonaws.us-east-1.ecr.api` -> `ecr.api`. */
function serviceName(value: unknown): string {
  return joinedString(value).replace(/^com\.amazonaws\.[^.]+\./, '');
}
