import {
  priceCloudMapServices,
  priceDnsNamespaces,
  priceHostedZones,
  priceHttpApis,
  priceLoadBalancers,
} from './pricers/api.ts';
import { priceEcsServices, priceTaskDefinitions } from './pricers/compute.ts';
import { priceDbClusters, priceDbInstances } from './pricers/database.ts';
import { priceBootstrapImages, priceEcrRepositories } from './pricers/ecr.ts';
import { priceBuckets, priceDistributions } from './pricers/edge.ts';
import { priceUserPools } from './pricers/identity.ts';
import { priceAlarms, priceCustomMetrics } from './pricers/metrics.ts';
import {
  priceEc2Instances,
  priceElasticIps,
  priceNatGateways,
  priceVpcEndpoints,
} from './pricers/network.ts';
import {
  priceDashboards,
  priceGrafanaWorkspaces,
  priceLogGroups,
  pricePrometheusWorkspaces,
  priceTracing,
} from './pricers/observability.ts';
import { priceCodeBuildProjects, priceCodePipelines } from './pricers/pipelines.ts';
import { priceKmsKeys, priceParameters, priceSecrets } from './pricers/secrets.ts';
import type { BillLine, Pricer, PricingContext } from './types.ts';

/** Resource types with a price. A type missing here and from FREE_TYPES is reported as "not priced". */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  'AWS::ECS::Service': priceEcsServices,
  'AWS::ECS::TaskDefinition': priceTaskDefinitions,
  'AWS::ECR::Repository': priceEcrRepositories,
  'AWS::EC2::NatGateway': priceNatGateways,
  'AWS::EC2::EIP': priceElasticIps,
  'AWS::EC2::Instance': priceEc2Instances,
  'AWS::EC2::VPCEndpoint': priceVpcEndpoints,
  'AWS::ApiGatewayV2::Api': priceHttpApis,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': priceLoadBalancers,
  'AWS::ServiceDiscovery::Service': priceCloudMapServices,
  'AWS::ServiceDiscovery::PrivateDnsNamespace': priceDnsNamespaces,
  'AWS::ServiceDiscovery::PublicDnsNamespace': priceDnsNamespaces,
  'AWS::Route53::HostedZone': priceHostedZones,
  'AWS::RDS::DBInstance': priceDbInstances,
  'AWS::RDS::DBCluster': priceDbClusters,
  'AWS::CodeBuild::Project': priceCodeBuildProjects,
  'AWS::CodePipeline::Pipeline': priceCodePipelines,
  'AWS::SecretsManager::Secret': priceSecrets,
  'AWS::SSM::Parameter': priceParameters,
  'AWS::KMS::Key': priceKmsKeys,
  'AWS::Logs::LogGroup': priceLogGroups,
  'AWS::CloudWatch::Dashboard': priceDashboards,
  'AWS::APS::Workspace': pricePrometheusWorkspaces,
  'AWS::Grafana::Workspace': priceGrafanaWorkspaces,
  'AWS::S3::Bucket': priceBuckets,
  'AWS::CloudFront::Distribution': priceDistributions,
  'AWS::Cognito::UserPool': priceUserPools,
};

const NO_CHARGE = 'no charge for the resource itself';

/** Pricers that read the whole stage, and the types they price (so those are not priced again one by one). */
export const ACCOUNT_PRICERS: ReadonlyArray<{
  covers: readonly string[];
  price: (ctx: PricingContext) => BillLine[];
}> = [
  { covers: ['AWS::CloudWatch::Alarm'], price: priceAlarms },
  { covers: [], price: priceCustomMetrics },
  { covers: [], price: priceTracing },
  { covers: [], price: priceBootstrapImages },
];

/** Known types with no charge of their own, and why. Prefixes end with `::`. */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  'AWS::IAM::': NO_CHARGE,
  'AWS::CDK::Metadata': 'CDK bookkeeping',
  'AWS::CloudFormation::': 'CloudFormation bookkeeping; custom resources run their Lambda on deploy',
  'Custom::': 'a custom resource: its Lambda runs on deploy, within the Lambda always-free tier',
  'AWS::Lambda::Function': 'within the always-free 1 M requests and 400,000 GB-s a month at this scale',
  'AWS::Lambda::Permission': NO_CHARGE,
  'AWS::Lambda::LayerVersion': 'layer storage is a few MB',
  'AWS::EC2::VPC': NO_CHARGE,
  'AWS::EC2::Subnet': NO_CHARGE,
  'AWS::EC2::RouteTable': NO_CHARGE,
  'AWS::EC2::Route': NO_CHARGE,
  'AWS::EC2::SubnetRouteTableAssociation': NO_CHARGE,
  'AWS::EC2::InternetGateway': NO_CHARGE,
  'AWS::EC2::VPCGatewayAttachment': NO_CHARGE,
  'AWS::EC2::SecurityGroup': NO_CHARGE,
  'AWS::EC2::SecurityGroupIngress': NO_CHARGE,
  'AWS::EC2::SecurityGroupEgress': NO_CHARGE,
  'AWS::EC2::NetworkAcl': NO_CHARGE,
  'AWS::EC2::NetworkAclEntry': NO_CHARGE,
  'AWS::EC2::SubnetNetworkAclAssociation': NO_CHARGE,
  'AWS::EC2::LaunchTemplate': NO_CHARGE,
  'AWS::EC2::EIPAssociation': 'the address is priced on its EIP',
  'AWS::EC2::FlowLog': 'its records are priced in the CloudWatch Logs lines',
  'AWS::ECS::Cluster': NO_CHARGE,
  'AWS::ECS::ClusterCapacityProviderAssociations': NO_CHARGE,
  'AWS::ApplicationAutoScaling::ScalableTarget': NO_CHARGE,
  'AWS::ApplicationAutoScaling::ScalingPolicy': 'its target tracking alarms are counted in the alarms line',
  'AWS::ApiGatewayV2::Stage': NO_CHARGE,
  'AWS::ApiGatewayV2::Route': NO_CHARGE,
  'AWS::ApiGatewayV2::Integration': NO_CHARGE,
  'AWS::ApiGatewayV2::Authorizer':
    'requests it rejects are not billed; accepted ones are priced as API requests',
  'AWS::Cognito::UserPoolClient': NO_CHARGE,
  'AWS::Cognito::UserPoolGroup': NO_CHARGE,
  'AWS::Cognito::UserPoolDomain': 'the hosted UI is part of the user pool price',
  'AWS::ApiGatewayV2::VpcLink': 'assumed free for HTTP APIs (unconfirmed; Infracost lists it free)',
  'AWS::ElasticLoadBalancingV2::Listener': 'priced with its load balancer',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'priced with its load balancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'priced with its load balancer',
  'AWS::ServiceDiscovery::HttpNamespace': 'an HTTP namespace creates no hosted zone',
  'AWS::Route53::RecordSet': 'records are free; queries to alias records are free',
  'AWS::CertificateManager::Certificate': 'public certificates are free',
  'AWS::RDS::DBSubnetGroup': NO_CHARGE,
  'AWS::RDS::DBParameterGroup': NO_CHARGE,
  'AWS::RDS::DBClusterParameterGroup': NO_CHARGE,
  'AWS::RDS::OptionGroup': NO_CHARGE,
  'AWS::SecretsManager::SecretTargetAttachment': NO_CHARGE,
  'AWS::SecretsManager::RotationSchedule': 'rotation runs a Lambda, within its always-free tier',
  'AWS::Serverless::Application':
    'deploys the rotation Lambda (a nested stack), within the Lambda always-free tier',
  'AWS::SecretsManager::ResourcePolicy': NO_CHARGE,
  'AWS::KMS::Alias': NO_CHARGE,
  'AWS::S3::BucketPolicy': NO_CHARGE,
  'AWS::CloudFront::OriginAccessControl': NO_CHARGE,
  'AWS::CloudFront::CloudFrontOriginAccessIdentity': NO_CHARGE,
  'AWS::CloudFront::CachePolicy': NO_CHARGE,
  'AWS::CloudFront::OriginRequestPolicy': NO_CHARGE,
  'AWS::CloudFront::ResponseHeadersPolicy': NO_CHARGE,
  'AWS::CloudFront::Function': 'within the always-free 2 M invocations a month',
  'AWS::Logs::LogStream': 'priced in the CloudWatch Logs lines',
  'AWS::Logs::ResourcePolicy': NO_CHARGE,
  'AWS::Logs::SubscriptionFilter': NO_CHARGE,
  'AWS::Logs::MetricFilter': 'its metrics are priced as custom metrics',
  'AWS::APS::RuleGroupsNamespace': 'rule evaluation is a few query samples a month',
  'AWS::SNS::Topic': 'within the always-free 1 M publishes a month',
  'AWS::SNS::TopicPolicy': NO_CHARGE,
  'AWS::SNS::Subscription': 'within the always-free tier',
  'AWS::Events::Rule': 'AWS service events are delivered free',
  'AWS::CodeStarConnections::Connection': NO_CHARGE,
  'AWS::CodeConnections::Connection': NO_CHARGE,
  'AWS::CodePipeline::Webhook': NO_CHARGE,
  'AWS::ECR::RegistryPolicy': NO_CHARGE,
};

export function freeReason(type: string): string | undefined {
  const exact = FREE_TYPES[type];
  if (exact) return exact;
  const prefix = Object.keys(FREE_TYPES).find((key) => key.endsWith('::') && type.startsWith(key));
  return prefix ? FREE_TYPES[prefix] : undefined;
}
