import type { TemplateResource } from '../template/read.ts';
import type { Component } from './types.ts';

/** Construct names that place a resource in a component whatever its type (the infra names a construct per component). */
const PATH_SEGMENTS: ReadonlyArray<[RegExp, Component]> = [
  [/^(edge|site|web|frontend|cdn|staticsite)$/i, 'edge'],
  [/^(api|apigateway|gateway|httpapi)$/i, 'api'],
  [/^(compute|service|apiservice|cluster|fargate)$/i, 'compute'],
  [/^(network|vpc|networking)$/i, 'network'],
  [/^(database|db|postgres|rds)$/i, 'database'],
  [/^(pipelines?|migrations?|ci|cicd|deploy|delivery)$/i, 'pipelines'],
  [/^(secrets?|parameters?|config)$/i, 'secrets'],
  [/^(observability|monitoring|logging|tracing|dashboards?|metrics|alarms)$/i, 'observability'],
];

/** Where a resource type belongs when its construct path names no component. */
const TYPE_PREFIXES: ReadonlyArray<[string, Component]> = [
  ['AWS::CloudFront::', 'edge'],
  ['AWS::S3::', 'edge'],
  ['AWS::ApiGatewayV2::', 'api'],
  ['AWS::ApiGateway::', 'api'],
  // Sign-in is the "auth first" the seed puts in front of the API.
  ['AWS::Cognito::', 'api'],
  ['AWS::ServiceDiscovery::', 'api'],
  ['AWS::ElasticLoadBalancingV2::', 'api'],
  ['AWS::ECS::', 'compute'],
  ['AWS::ECR::', 'compute'],
  ['AWS::ApplicationAutoScaling::', 'compute'],
  ['AWS::EC2::', 'network'],
  ['AWS::RDS::', 'database'],
  ['AWS::CodeBuild::', 'pipelines'],
  ['AWS::CodePipeline::', 'pipelines'],
  ['AWS::CodeStarConnections::', 'pipelines'],
  ['AWS::CodeConnections::', 'pipelines'],
  ['AWS::SecretsManager::', 'secrets'],
  ['AWS::SSM::', 'secrets'],
  ['AWS::KMS::', 'secrets'],
  ['AWS::Logs::', 'observability'],
  ['AWS::CloudWatch::', 'observability'],
  ['AWS::APS::', 'observability'],
  ['AWS::Grafana::', 'observability'],
  ['AWS::XRay::', 'observability'],
  ['AWS::SNS::', 'observability'],
];

export function componentOf(resource: TemplateResource): Component {
  const segments = resource.cdkPath?.split('/').slice(1) ?? [];
  for (const segment of [stackSuffix(resource.stack), ...segments]) {
    for (const [pattern, component] of PATH_SEGMENTS) {
      if (pattern.test(segment)) return component;
    }
  }
  for (const [prefix, component] of TYPE_PREFIXES) {
    if (resource.type.startsWith(prefix)) return component;
  }
  return 'compute';
}

/** A stack named after a component ends with it (`shoestring-dev-pipelines`); it wins over construct names. */
function stackSuffix(stack: string): string {
  return stack.split(/[-_]/).at(-1) ?? '';
}
