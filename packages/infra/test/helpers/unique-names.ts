import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * Resource types whose explicit name must be unique per account and region (some, like IAM and CloudFront, per
 * account), with the path of the name inside `Properties`. CloudFormation refuses to create the second resource
 * with an existing name ("already exists"), so two stages in one account must never share one.
 */
export const NAMED_TYPES: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::InstanceProfile': ['InstanceProfileName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::SSM::Parameter': ['Name'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CloudWatch::CompositeAlarm': ['AlarmName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::Events::Rule': ['Name'],
  'AWS::CodePipeline::Pipeline': ['Name'],
  'AWS::CodeBuild::Project': ['Name'],
  'AWS::ECR::Repository': ['RepositoryName'],
  'AWS::ECS::Cluster': ['ClusterName'],
  // A shared family is no deploy error, but both stages would register revisions of one task definition.
  'AWS::ECS::TaskDefinition': ['Family'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::RDS::DBSubnetGroup': ['DBSubnetGroupName'],
  'AWS::RDS::DBParameterGroup': ['DBParameterGroupName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::ApiGatewayV2::DomainName': ['DomainName'],
  'AWS::CloudFront::Function': ['Name'],
  'AWS::CloudFront::CachePolicy': ['CachePolicyConfig', 'Name'],
  'AWS::CloudFront::OriginRequestPolicy': ['OriginRequestPolicyConfig', 'Name'],
  'AWS::CloudFront::ResponseHeadersPolicy': ['ResponseHeadersPolicyConfig', 'Name'],
  'AWS::CloudFront::OriginAccessControl': ['OriginAccessControlConfig', 'Name'],
  'AWS::CloudFront::KeyValueStore': ['Name'],
  'AWS::Grafana::Workspace': ['Name'],
  'AWS::ServiceDiscovery::PrivateDnsNamespace': ['Name'],
};

/** One explicit name and where it is. */
export interface NamedResource {
  readonly type: string;
  readonly name: string;
  /** `stack/logicalId` */
  readonly where: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * What a name property evaluates to in the account, as far as synth knows it: pseudo parameters are filled in,
 * a reference to a resource of the stack stands for that (distinct) resource, joins and subs are applied.
 */
function evaluate(value: Json, stack: Stack, logicalIds: ReadonlySet<string>): string {
  const pseudo: Record<string, string> = {
    'AWS::StackName': stack.stackName,
    'AWS::Region': stack.region,
    'AWS::AccountId': stack.account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const ref = (name: string) =>
    pseudo[name] ?? (logicalIds.has(name) ? `<${stack.stackName}/${name}>` : name);
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const [fn, arg] = Object.entries(value)[0] ?? [];
  if (fn === 'Ref' && typeof arg === 'string') return ref(arg);
  if (fn === 'Fn::GetAtt' && Array.isArray(arg)) return `<${stack.stackName}/${arg.join('.')}>`;
  if (fn === 'Fn::Join' && Array.isArray(arg)) {
    const [separator, parts] = arg as [string, Json[]];
    return parts.map((part) => evaluate(part, stack, logicalIds)).join(separator);
  }
  if (fn === 'Fn::Sub' && typeof arg === 'string')
    return arg.replace(/\$\{([^}]+)\}/g, (_, name) => ref(name));
  return JSON.stringify(value);
}

/** Every explicit name of a `NAMED_TYPES` resource in the stacks. */
export function explicitNames(stacks: readonly Stack[]): NamedResource[] {
  return stacks.flatMap((stack) => {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { Type: string; Properties?: Record<string, Json> }
    >;
    const logicalIds = new Set(Object.keys(resources));
    return Object.entries(resources).flatMap(([logicalId, resource]) => {
      const path = NAMED_TYPES[resource.Type];
      let value: Json | undefined = resource.Properties;
      for (const key of path ?? []) value = (value as Record<string, Json> | undefined)?.[key];
      if (!path || value === undefined) return [];
      const name = evaluate(value, stack, logicalIds);
      return [{ type: resource.Type, name, where: `${stack.stackName}/${logicalId}` }];
    });
  });
}

/** Names that two resources of the same type share: `type name: where, where`. */
export function sharedNames(named: readonly NamedResource[]): string[] {
  const byKey = new Map<string, string[]>();
  for (const { type, name, where } of named) {
    const key = `${type} ${name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), where]);
  }
  return [...byKey]
    .filter(([, wheres]) => wheres.length > 1)
    .map(([key, wheres]) => `${key}: ${wheres.join(', ')}`);
}
