import { Fn } from 'aws-cdk-lib';
import { RUNTIME_OUTPUT_KEYS, serviceNameKey } from './published-names.ts';
import type { RuntimeStack } from './runtime-stack.ts';
import { StackOutputs } from './stack-outputs.ts';

/**
 * The values other parts need (pipelines, `shoestring deploy-web`, `shoestring cost`, operators), published as
 * stack outputs and as SSM parameters `<prefix>/<key>`. The keys are a contract: docs/architecture.md lists them.
 */
export function publishRuntimeOutputs(stack: RuntimeStack, prefix: string): StackOutputs {
  const outputs = new StackOutputs(stack, 'Outputs', prefix);
  const { network, discovery, database, compute, api, site } = stack;
  const join = (values: string[]) => Fn.join(',', values);

  outputs.publish('network/vpc-id', network.vpc.vpcId, 'VPC id');
  outputs.publish(
    'network/public-subnet-ids',
    join(network.publicSubnets.subnetIds),
    'Public subnets (tasks, VPC link, Fargate migration runner)',
  );
  outputs.publish(
    'network/build-subnet-ids',
    join(network.buildSubnets.subnetIds),
    'Private subnets of the migration build',
  );
  outputs.publish(
    'network/migration-security-group-id',
    network.migrationSecurityGroup.securityGroupId,
    'Security group of the migration build; RDS admits it',
  );
  if (network.natInstance) {
    outputs.publish(
      'network/nat-instance-id',
      network.natInstance.instanceId,
      'NAT instance the pipeline starts before and stops after migrations',
    );
  }
  outputs.publish(
    'discovery/namespace-name',
    discovery.namespace.namespaceName,
    'Cloud Map private DNS namespace',
  );
  outputs.publish('db/endpoint', database.instance.dbInstanceEndpointAddress, 'RDS endpoint address');
  outputs.publish('db/port', database.instance.dbInstanceEndpointPort, 'RDS port');
  outputs.publish('db/name', database.databaseName, 'Application database name');
  outputs.publish('db/username', database.username, 'Master user name');
  outputs.publish(
    'db/credential-store',
    database.secretStore,
    'Where the password is: ssm or secretsmanager',
  );
  outputs.publish(
    'db/credential-reference',
    database.credentialReference,
    'SSM SecureString name or Secrets Manager ARN of the password',
  );
  outputs.publish('ecr/repository-uri', compute.repository.repositoryUri, 'ECR repository of the API image');
  outputs.publish(
    RUNTIME_OUTPUT_KEYS.ecrRepositoryName,
    compute.repository.repositoryName,
    'ECR repository name',
  );
  outputs.publish(RUNTIME_OUTPUT_KEYS.ecsClusterName, compute.cluster.clusterName, 'ECS cluster');
  outputs.publish(
    'ecs/service-names',
    join([...compute.services.values()].map((s) => s.service.serviceName)),
    'ECS services, in config order',
  );
  for (const [name, service] of compute.services) {
    outputs.publish(serviceNameKey(name), service.service.serviceName, `ECS service of ${name}`);
    outputs.publish(
      `ecs/${name}/task-family`,
      service.taskDefinition.family,
      `Task definition family of ${name} (container "api")`,
    );
    outputs.publish(
      `ecs/${name}/security-group-id`,
      service.securityGroup.securityGroupId,
      `Security group of ${name}'s tasks`,
    );
  }
  outputs.publish('api/url', api.url, 'HTTP API invoke URL ($default stage)');
  outputs.publish('api/id', api.httpApi.apiId, 'HTTP API id');
  outputs.publish('site/bucket-name', site.bucket.bucketName, 'Site bucket (shoestring deploy-web --bucket)');
  outputs.publish(
    'site/distribution-id',
    site.distribution.distributionId,
    'CloudFront distribution (deploy-web --distribution)',
  );
  outputs.publish('site/url', site.url, 'Site URL');
  outputs.publish(
    'observability/alarm-topic-arn',
    stack.observability.alarmTopic.topicArn,
    'SNS topic every alarm notifies; subscribe whoever is on call',
  );
  if (stack.signIn) {
    const { signIn } = stack;
    outputs.publish('auth/issuer', signIn.issuer, 'Token issuer (the site signs in against it)');
    outputs.publish('auth/client-id', signIn.client.userPoolClientId, "The site's app client id");
    outputs.publish('auth/hosted-ui-url', signIn.hostedUiUrl, 'Hosted sign-in UI');
  }
  return outputs;
}
