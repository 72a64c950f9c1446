import { EDGE_OPERATIONS } from '@shoestring/contract';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_LOG_BUFFER_MIB } from '../../src/constructs/api-service.ts';
import { backendPath } from '../helpers/backend-path.ts';
import { resourcesOf, type SynthesizedStage, synthStage } from '../helpers/synth.ts';

type Props = Record<string, unknown>;

/** The one resource of `type` whose logical id contains `idPart`. */
function logicalIdOf(stage: SynthesizedStage, type: string, idPart: string): string {
  const ids = Object.keys(resourcesOf(stage.template, type)).filter((id) => id.includes(idPart));
  expect(ids, `${type} ~ ${idPart}`).toHaveLength(1);
  return ids[0] as string;
}

function containerNamed(stage: SynthesizedStage, name: string): Props {
  const [task] = Object.values(resourcesOf(stage.template, 'AWS::ECS::TaskDefinition'));
  const containers = task?.Properties.ContainerDefinitions as Props[];
  const container = containers.find((c) => c.Name === name);
  expect(container, `container ${name}`).toBeDefined();
  return container as Props;
}

function environmentOf(container: Props): Record<string, unknown> {
  return Object.fromEntries(
    (container.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]),
  );
}

describe('RuntimeStack, default dev stage', () => {
  let dev: SynthesizedStage;
  beforeAll(() => {
    dev = synthStage({}, 'dev');
  });

  it('THEN the stack has no NAT gateway; the build subnets go through the NAT instance', () => {
    dev.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    const instance = logicalIdOf(dev, 'AWS::EC2::Instance', 'NatInstance');
    const buildRoutes = Object.entries(resourcesOf(dev.template, 'AWS::EC2::Route')).filter(([id]) =>
      id.includes('buildSubnet'),
    );
    expect(buildRoutes.map(([, route]) => route.Properties.InstanceId)).toEqual([
      { Ref: instance },
      { Ref: instance },
    ]);
  });

  describe('service discovery (Cloud Map)', () => {
    it('THEN a private DNS namespace <stage>.<project>.internal exists', () => {
      dev.template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', {
        Name: 'dev.shoestring.internal',
      });
    });

    it('THEN the api service has SRV records (API Gateway reads the port) and A records (internal callers), TTL 10 s', () => {
      dev.template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
        Name: 'api',
        DnsConfig: {
          DnsRecords: [
            { Type: 'SRV', TTL: 10 },
            { Type: 'A', TTL: 10 },
          ],
          RoutingPolicy: 'MULTIVALUE',
        },
        HealthCheckCustomConfig: { FailureThreshold: 1 },
      });
    });

    it('THEN ECS registers the api container port in it', () => {
      const registry = logicalIdOf(dev, 'AWS::ServiceDiscovery::Service', 'Discovery');
      dev.template.hasResourceProperties('AWS::ECS::Service', {
        ServiceRegistries: [
          { ContainerName: 'api', ContainerPort: 8080, RegistryArn: { 'Fn::GetAtt': [registry, 'Arn'] } },
        ],
      });
    });
  });

  describe('HTTP API', () => {
    it('THEN an explicit VPC link in the public subnets has its own security group', () => {
      const linkGroup = logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'VpcLinkSecurityGroup');
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
        SecurityGroupIds: [{ 'Fn::GetAtt': [linkGroup, 'GroupId'] }],
        SubnetIds: [
          { Ref: Match.stringLikeRegexp('publicSubnet1') },
          { Ref: Match.stringLikeRegexp('publicSubnet2') },
        ],
      });
    });

    it('THEN every integration goes through the VPC link to the Cloud Map service', () => {
      const link = logicalIdOf(dev, 'AWS::ApiGatewayV2::VpcLink', 'VpcLink');
      const registry = logicalIdOf(dev, 'AWS::ServiceDiscovery::Service', 'Discovery');
      const integrations = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Integration'));
      expect(integrations).toHaveLength(EDGE_OPERATIONS.length);
      for (const { Properties } of integrations) {
        expect(Properties).toMatchObject({
          ConnectionType: 'VPC_LINK',
          ConnectionId: { Ref: link },
          IntegrationType: 'HTTP_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [registry, 'Arn'] },
        });
      }
    });

    it('THEN /api/catalog/products reaches the container as /catalog/products, and /api itself is not routed', () => {
      expect(backendPath(dev, 'GET', '/api/catalog/products')).toBe('/catalog/products');
      expect(backendPath(dev, 'GET', '/api/catalog/products/p-1')).toBe('/catalog/products/p-1');
      expect(backendPath(dev, 'GET', '/api')).toBeUndefined();
    });

    it('THEN the $default stage throttles at 100 rps / 200 burst and writes JSON access logs', () => {
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        },
      });
      const [stage] = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Stage'));
      const format = JSON.parse((stage!.Properties.AccessLogSettings as { Format: string }).Format);
      expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    });

    it('THEN the one authorizer checks the stage pool, with no CORS and no custom domain by default', () => {
      dev.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
      dev.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    });
  });

  describe('compute', () => {
    it('THEN the task is ARM64, 0.25 vCPU / 0.5 GB', () => {
      dev.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Cpu: '256',
        Memory: '512',
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        RequiresCompatibilities: ['FARGATE'],
      });
    });

    it('THEN the service runs in public subnets with a public IP (no NAT) behind its own security group', () => {
      dev.template.hasResourceProperties('AWS::ECS::Service', {
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            AssignPublicIp: 'ENABLED',
            Subnets: [
              { Ref: Match.stringLikeRegexp('publicSubnet1') },
              { Ref: Match.stringLikeRegexp('publicSubnet2') },
            ],
          },
        },
      });
    });

    it('THEN deployments keep 100% healthy and roll back through the circuit breaker', () => {
      dev.template.hasResourceProperties('AWS::ECS::Service', {
        DeploymentConfiguration: {
          MinimumHealthyPercent: 100,
          MaximumPercent: 200,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
      });
    });

    it('THEN the desired count is left to autoscaling (1 to 2 tasks on CPU 70% and memory 75%)', () => {
      dev.template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
      dev.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        MinCapacity: 1,
        MaxCapacity: 2,
      });
      for (const [metric, target] of [
        ['ECSServiceAverageCPUUtilization', 70],
        ['ECSServiceAverageMemoryUtilization', 75],
      ] as const) {
        dev.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
          TargetTrackingScalingPolicyConfiguration: {
            PredefinedMetricSpecification: { PredefinedMetricType: metric },
            TargetValue: target,
          },
        });
      }
    });

    it('THEN the task security group admits port 8080 only from the VPC link', () => {
      const taskGroup = logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'ApiServiceSecurityGroup');
      const linkGroup = logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'VpcLinkSecurityGroup');
      const rules = Object.values(resourcesOf(dev.template, 'AWS::EC2::SecurityGroupIngress'))
        .map((rule) => rule.Properties)
        .filter((rule) => JSON.stringify(rule.GroupId).includes(taskGroup));
      expect(rules).toEqual([
        expect.objectContaining({
          FromPort: 8080,
          ToPort: 8080,
          SourceSecurityGroupId: { 'Fn::GetAtt': [linkGroup, 'GroupId'] },
        }),
      ]);
    });

    it('THEN the api container gets the environment the API reads, and the password only as a secret', () => {
      const api = containerNamed(dev, 'api');
      const environment = environmentOf(api);
      expect(environment).toMatchObject({
        PORT: '8080',
        DB_HOST: { 'Fn::GetAtt': [expect.stringContaining('DatabaseInstance'), 'Endpoint.Address'] },
        DB_PORT: { 'Fn::GetAtt': [expect.stringContaining('DatabaseInstance'), 'Endpoint.Port'] },
        DB_NAME: 'shoestring',
        DB_USER: 'shoestring',
        DB_SSL: 'verify-full',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_SERVICE_NAME: 'api',
        DRAIN_SECONDS: '60',
        REQUEST_TIMEOUT_MS: '10000',
      });
      expect(environment).not.toHaveProperty('MODULES');
      expect(environment).not.toHaveProperty('DB_PASSWORD');
      // A literal ARN: @aws-cdk/core:enablePartitionLiterals (cdk.json) with the stage's region known.
      expect(api.Secrets).toEqual([
        {
          Name: 'DB_PASSWORD',
          ValueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/shoestring/dev/db/password',
        },
      ]);
    });

    it('THEN the container stops 80 s after SIGTERM (60 s drain, 10 s request, 10 s closing) and is health-checked by node dist/healthcheck.js', () => {
      const api = containerNamed(dev, 'api');
      expect(api.StopTimeout).toBe(80);
      expect(api.HealthCheck).toMatchObject({ Command: ['CMD', 'node', 'dist/healthcheck.js'] });
      expect(api.Image).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
      // The tag the pipeline recorded after its last Deploy, never a moving tag (ADR 0124).
      expect(api.Image).toEqual({
        'Fn::Join': [
          '',
          expect.arrayContaining([
            ':',
            { Ref: expect.stringMatching(/^SsmParameterValueshoestringdevecrdeployedtag/) },
          ]),
        ],
      });
      dev.template.hasParameter('*', {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/shoestring/dev/ecr/deployed-tag',
      });
    });

    it('THEN an ADOT collector sidecar gets the repo collector config and the app waits for nothing', () => {
      const collector = containerNamed(dev, 'otel-collector');
      expect(collector).toMatchObject({
        Essential: false,
        Image: expect.stringContaining('aws-otel-collector:v'),
      });
      expect(environmentOf(collector).AOT_CONFIG_CONTENT).toContain('awsxray');
    });

    it('THEN the task role may send traces to X-Ray and EMF metrics to the metrics log group only', () => {
      const policies = Object.entries(resourcesOf(dev.template, 'AWS::IAM::Policy')).filter(([id]) =>
        id.includes('TaskRole'),
      );
      expect(policies).toHaveLength(1);
      const statements = JSON.stringify(policies[0]?.[1].Properties.PolicyDocument);
      expect(statements).toContain('xray:PutTraceSegments');
      expect(statements).toMatch(/logs:PutLogEvents.*ComputeMetricsLogs/);
    });

    it('THEN both containers log through awslogs to a group kept 7 days', () => {
      for (const name of ['api', 'otel-collector']) {
        expect(containerNamed(dev, name).LogConfiguration).toMatchObject({ LogDriver: 'awslogs' });
      }
      // The API writes its log batches synchronously: the driver must buffer, never make it wait.
      expect((containerNamed(dev, 'api').LogConfiguration as Props).Options).toMatchObject({
        mode: 'non-blocking',
        'max-buffer-size': `${API_LOG_BUFFER_MIB * 1024 * 1024}b`,
      });
      const groups = Object.values(resourcesOf(dev.template, 'AWS::Logs::LogGroup'));
      expect(groups.length).toBeGreaterThanOrEqual(3);
      for (const group of groups) expect(group.Properties.RetentionInDays).toBe(7);
    });

    it('THEN the image repository is created here, scanned on push, keeping 20 images', () => {
      dev.template.hasResourceProperties('AWS::ECR::Repository', {
        ImageScanningConfiguration: { ScanOnPush: true },
        LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"countNumber":20') },
      });
    });
  });

  describe('database', () => {
    it('THEN PostgreSQL 17 (major only, RDS applies minor upgrades) runs on db.t4g.micro with 20 GB gp3, single-AZ, encrypted, not public', () => {
      dev.template.hasResourceProperties('AWS::RDS::DBInstance', {
        Engine: 'postgres',
        EngineVersion: '17',
        AutoMinorVersionUpgrade: true,
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: '20',
        StorageType: 'gp3',
        MultiAZ: false,
        StorageEncrypted: true,
        PubliclyAccessible: false,
        DeletionProtection: false,
        BackupRetentionPeriod: 1,
      });
    });

    it('THEN it lives in the isolated database subnets', () => {
      dev.template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
        SubnetIds: [
          { Ref: Match.stringLikeRegexp('databaseSubnet1') },
          { Ref: Match.stringLikeRegexp('databaseSubnet2') },
        ],
      });
    });

    it('THEN TLS is enforced with rds.force_ssl', () => {
      dev.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
        Parameters: { 'rds.force_ssl': '1' },
      });
    });

    it('THEN only the service and the migration security groups reach it, on 5432, and no CIDR does', () => {
      const dbGroup = logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'DatabaseInstanceSecurityGroup');
      const rules = Object.values(resourcesOf(dev.template, 'AWS::EC2::SecurityGroupIngress'))
        .map((rule) => rule.Properties)
        .filter((rule) => JSON.stringify(rule.GroupId).includes(dbGroup));
      const sources = rules.map(
        (rule) => (rule.SourceSecurityGroupId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
      );
      expect(sources.sort()).toEqual(
        [
          logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'ApiServiceSecurityGroup'),
          logicalIdOf(dev, 'AWS::EC2::SecurityGroup', 'MigrationSecurityGroup'),
        ].sort(),
      );
      for (const rule of rules) expect(rule).toMatchObject({ FromPort: 5432, ToPort: 5432 });
      const [group] = Object.values(resourcesOf(dev.template, 'AWS::EC2::SecurityGroup')).filter((g) =>
        String(g.Properties.GroupDescription).includes('DatabaseInstance'),
      );
      expect(group?.Properties.SecurityGroupIngress).toBeUndefined();
    });

    it('THEN the master password is an SSM SecureString resolved at deploy time, written by the custom resource', () => {
      dev.template.hasResourceProperties('AWS::RDS::DBInstance', {
        MasterUserPassword: '{{resolve:ssm-secure:/shoestring/dev/db/password}}',
      });
      dev.template.hasResourceProperties('Custom::SecureStringPassword', {
        ParameterName: '/shoestring/dev/db/password',
      });
      dev.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    });

    it('THEN no plaintext secret appears anywhere in the template', () => {
      const resources = dev.template.toJSON().Resources as Record<
        string,
        { Type: string; Properties?: Props }
      >;
      for (const [id, resource] of Object.entries(resources)) {
        const text = JSON.stringify(resource.Properties ?? {});
        for (const match of text.matchAll(/"(\w*(?:password|secret)\w*)":\s*"([^"]*)"/gi)) {
          const [, key, value] = match;
          const isReference =
            value?.startsWith('{{resolve:') || value?.startsWith('/') || value === 'Generated password';
          expect(isReference, `${id}.${key} = ${value}`).toBe(true);
        }
      }
      expect(dev.json).not.toMatch(/"Type":\s*"SecureString"/);
    });
  });

  describe('edge', () => {
    it('THEN the bucket is private, versioned, encrypted and TLS-only', () => {
      dev.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
      });
      dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('THEN CloudFront reads it through Origin Access Control, over HTTP/2 and HTTP/3', () => {
      dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          HttpVersion: 'http2and3',
          PriceClass: 'PriceClass_100',
          DefaultRootObject: 'index.html',
        },
      });
    });

    it('THEN hashed assets are cached long, HTML is revalidated, and client routes fall back to index.html', () => {
      const config = distributionConfig(dev);
      const assets = (config.CacheBehaviors as Props[]).find((b) => b.PathPattern === '/assets/*');
      expect(assets?.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // managed CachingOptimized
      dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
        CachePolicyConfig: { DefaultTTL: 0, MinTTL: 0 },
      });
      const defaultBehavior = config.DefaultCacheBehavior as Props;
      expect(defaultBehavior.FunctionAssociations).toEqual([
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [expect.stringContaining('SpaFallback'), 'FunctionARN'] },
        },
      ]);
      expect(config.CustomErrorResponses).toBeUndefined();
    });

    it('THEN every response carries the security headers', () => {
      dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000 }),
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ContentSecurityPolicy: Match.objectLike({
              ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self'"),
            }),
          }),
        },
      });
    });

    it('THEN /api/* goes uncached to the HTTP API (one origin for site and API)', () => {
      const api = (distributionConfig(dev).CacheBehaviors as Props[]).find((b) => b.PathPattern === '/api/*');
      expect(api).toMatchObject({
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // managed CachingDisabled
        AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'DELETE', 'PATCH']),
      });
    });
  });

  describe('outputs', () => {
    it('THEN each output other parts need is a stack output and an SSM parameter under /shoestring/dev', () => {
      const outputs = dev.template.toJSON().Outputs as Record<string, unknown>;
      for (const [outputId, key] of [
        ['SiteBucketName', 'site/bucket-name'],
        ['SiteDistributionId', 'site/distribution-id'],
        ['ApiUrl', 'api/url'],
        ['EcsClusterName', 'ecs/cluster-name'],
        ['EcsApiServiceName', 'ecs/api/service-name'],
        ['EcrRepositoryUri', 'ecr/repository-uri'],
        ['DbEndpoint', 'db/endpoint'],
        ['DbCredentialReference', 'db/credential-reference'],
        ['NetworkNatInstanceId', 'network/nat-instance-id'],
        ['NetworkBuildSubnetIds', 'network/build-subnet-ids'],
        ['NetworkMigrationSecurityGroupId', 'network/migration-security-group-id'],
      ]) {
        expect(outputs, outputId).toHaveProperty(outputId as string);
        dev.template.hasResourceProperties('AWS::SSM::Parameter', {
          Name: `/shoestring/dev/${key}`,
          Type: 'String',
        });
      }
    });
  });
});

describe('RuntimeStack, default prod stage', () => {
  let prod: SynthesizedStage;
  beforeAll(() => {
    prod = synthStage({}, 'prod');
  });

  it('THEN the database has deletion protection, 7 days of backups and a final snapshot', () => {
    prod.template.hasResourceProperties('AWS::RDS::DBInstance', {
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
    });
    prod.template.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
    });
  });

  it('THEN the password parameter survives stack deletion with the snapshot', () => {
    prod.template.hasResourceProperties('Custom::SecureStringPassword', { RetainOnDelete: 'true' });
  });

  it('THEN logs are kept 30 days and outputs live under /shoestring/prod', () => {
    prod.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    prod.template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/shoestring/prod/site/bucket-name' });
  });
});

describe('RuntimeStack with a pinned PostgreSQL minor and a shorter drain', () => {
  let stage: SynthesizedStage;
  beforeAll(() => {
    stage = synthStage({
      stages: {
        dev: {
          database: { engineVersion: '17.9', autoMinorVersionUpgrade: false },
          services: { api: { drainSeconds: 45 } },
        },
      },
    });
  });

  it('THEN the template pins 17.9 with automatic minor upgrades off (RDS never moves ahead of the template)', () => {
    stage.template.hasResourceProperties('AWS::RDS::DBInstance', {
      EngineVersion: '17.9',
      AutoMinorVersionUpgrade: false,
    });
    stage.template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'postgres17' });
  });

  it('THEN the container drains 45 s and ECS waits 65 s before SIGKILL', () => {
    const api = containerNamed(stage, 'api');
    expect(environmentOf(api)).toMatchObject({ DRAIN_SECONDS: '45' });
    expect(api.StopTimeout).toBe(65);
  });
});

function distributionConfig(stage: SynthesizedStage): Props {
  const [distribution] = Object.values(resourcesOf(stage.template, 'AWS::CloudFront::Distribution'));
  return distribution?.Properties.DistributionConfig as Props;
}
