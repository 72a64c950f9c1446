import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildSpecText,
  type CfnImport,
  type CfnPipeline,
  type CfnProject,
  logicalIdOf,
  NAT_INSTANCE_PARAMETER,
  propertiesOf,
  synthPipelines,
} from './harness.ts';

type Statement = { Action: string | string[]; Resource: unknown };

/** The stage's sign-in outputs deploy-web writes /config.json from (the runtime stack publishes them). */
const SIGN_IN_PARAMETERS = {
  AUTH_ISSUER: '/shop/dev/auth/issuer',
  AUTH_CLIENT_ID: '/shop/dev/auth/client-id',
  AUTH_HOSTED_UI_URL: '/shop/dev/auth/hosted-ui-url',
  SITE_URL: '/shop/dev/site/url',
};
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/def-456';
type TaggedStatement = Statement & { Effect: string; Condition?: unknown };
type Ingress = {
  GroupId?: { 'Fn::GetAtt'?: string[] };
  SourceSecurityGroupId: { 'Fn::GetAtt': string[] };
  IpProtocol: string;
  FromPort: unknown;
  ToPort: unknown;
};

const pipelineNamed = (template: Template, name: string) =>
  propertiesOf<CfnPipeline>(template, 'AWS::CodePipeline::Pipeline').find(
    (pipeline) => pipeline.Name === name,
  )!;
const stageNames = (pipeline: CfnPipeline) => pipeline.Stages.map((stage) => stage.Name);
const stage = (pipeline: CfnPipeline, name: string) => pipeline.Stages.find((s) => s.Name === name)!;

/** The Record stage's function; the NAT switch's would be the other one. */
const RECORD_FUNCTION = 'Records the image tag the backend pipeline deployed';
/** What each Lambda function of the template is for (its description). */
const functionPurposes = (template: Template) =>
  propertiesOf<{ Description: string }>(template, 'AWS::Lambda::Function').map((f) => f.Description);

/** The CodeBuild project whose buildspec runs the given command. */
function projectRunning(template: Template, command: string) {
  const properties = propertiesOf<CfnProject>(template, 'AWS::CodeBuild::Project').find((project) =>
    buildSpecText(project.Source.BuildSpec).includes(command),
  );
  if (!properties) throw new Error(`no CodeBuild project runs ${command}`);
  return { properties };
}

describe('backend pipeline', () => {
  it('runs Source, Build, Migrate, Deploy, Record in dev and adds a manual approval before the prod migration', () => {
    const dev = Template.fromStack(synthPipelines('dev').pipeline);
    const prod = Template.fromStack(synthPipelines('prod').pipeline);
    expect(stageNames(pipelineNamed(dev, 'shop-dev-backend'))).toEqual([
      'Source',
      'Build',
      'Migrate',
      'Deploy',
      'Record',
    ]);
    const prodPipeline = pipelineNamed(prod, 'shop-prod-backend');
    expect(stageNames(prodPipeline)).toEqual(['Source', 'Build', 'Approve', 'Migrate', 'Deploy', 'Record']);
    expect(stage(prodPipeline, 'Approve').Actions[0]?.ActionTypeId.Category).toBe('Approval');
    expect(prodPipeline.PipelineType).toBe('V2');
  });

  it('starts on pushes to the stage branch, except pushes that touch only the site or the docs', () => {
    const template = Template.fromStack(synthPipelines('prod').pipeline);
    const triggers = (name: string) =>
      (pipelineNamed(template, name) as unknown as { Triggers: { GitConfiguration: unknown }[] }).Triggers;
    expect(triggers('shop-prod-backend')).toEqual([
      {
        ProviderType: 'CodeStarSourceConnection',
        GitConfiguration: {
          SourceActionName: 'Source',
          Push: [
            {
              Branches: { Includes: ['release'] },
              FilePaths: { Includes: ['**'], Excludes: ['apps/web/**', 'docs/**', 'bench/**'] },
            },
          ],
        },
      },
    ]);
    expect(JSON.stringify(triggers('shop-prod-site'))).toContain(
      '"Excludes":["apps/api/**","docs/**","bench/**"]',
    );
  });

  it('tracks the stage branch through the CodeStar connection', () => {
    const prod = pipelineNamed(Template.fromStack(synthPipelines('prod').pipeline), 'shop-prod-backend');
    expect(stage(prod, 'Source').Actions[0]?.Configuration).toMatchObject({
      FullRepositoryId: 'acme/shop',
      BranchName: 'release',
      ConnectionArn: expect.stringContaining(':connection/'),
    });
  });

  it('starts the NAT instance, then migrates; Deploy is a later stage, so it runs only after a good migration', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    const pipeline = pipelineNamed(template, 'shop-dev-backend');
    const migrate = stage(pipeline, 'Migrate').Actions;
    expect(migrate.map((a) => [a.Name, a.ActionTypeId.Provider, a.RunOrder])).toEqual([
      ['StartNat', 'Lambda', 1],
      ['Liquibase', 'CodeBuild', 2],
    ]);
    const deploy = stage(pipeline, 'Deploy').Actions;
    expect(deploy.map((a) => [a.Name, a.ActionTypeId.Provider, a.Configuration.FileName])).toEqual([
      ['Deploy-api', 'ECS', 'imagedefinitions-api.json'],
    ]);
    expect(deploy[0]?.InputArtifacts).toEqual([{ Name: 'Image' }]);
    expect(stageNames(pipeline).indexOf('Deploy')).toBeGreaterThan(stageNames(pipeline).indexOf('Migrate'));
  });

  it('stops the NAT instance whenever the Migrate stage ends, also on failure', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.codepipeline'],
        'detail-type': ['CodePipeline Stage Execution State Change'],
        detail: { stage: ['Migrate'], state: ['SUCCEEDED', 'FAILED', 'CANCELED', 'STOPPED'] },
      },
    });
  });

  it('finds the NAT instance at run time: reads its parameter, may start and stop only the tagged NAT', () => {
    const harness = synthPipelines('dev');
    const template = Template.fromStack(harness.pipeline);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { NAT_INSTANCE_PARAMETER: NAT_INSTANCE_PARAMETER } },
    });
    const statements = propertiesOf<{ PolicyDocument: { Statement: TaggedStatement[] } }>(
      template,
      'AWS::IAM::Policy',
    ).flatMap((policy) => policy.PolicyDocument.Statement);
    const switching = statements.filter((s) =>
      [s.Action].flat().some((a) => /^ec2:(Start|Stop)Instances$/.test(a)),
    );
    expect(switching).toEqual([
      {
        Effect: 'Allow',
        Action: ['ec2:StartInstances', 'ec2:StopInstances'],
        Resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
        Condition: {
          StringEquals: {
            'aws:ResourceTag/shoestring:role': 'nat-instance',
            'aws:ResourceTag/shoestring:project': 'shop',
            'aws:ResourceTag/shoestring:stage': 'dev',
          },
        },
      },
    ]);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: `arn:aws:ssm:us-east-1:123456789012:parameter${NAT_INSTANCE_PARAMETER}`,
    });
    // Before a stop the function asks the pipeline whether another execution is migrating.
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'codepipeline:GetPipelineState' }));
    // The NAT instance's tag, which the condition names, is on the instance.
    Template.fromStack(harness.runtime).hasResourceProperties('AWS::EC2::Instance', {
      Tags: Match.arrayWith([{ Key: 'shoestring:role', Value: 'nat-instance' }]),
    });
  });

  it('leaves the NAT alone when it is always on, or when there is none', () => {
    for (const overrides of [
      { pipeline: { natAlwaysOn: true } },
      { network: { buildEgress: 'endpoints' as const } },
    ]) {
      const template = Template.fromStack(synthPipelines('dev', overrides).pipeline);
      template.resourceCountIs('AWS::Events::Rule', 0);
      expect(functionPurposes(template)).toEqual([RECORD_FUNCTION]);
      const migrate = stage(pipelineNamed(template, 'shop-dev-backend'), 'Migrate').Actions;
      expect(migrate.map((a) => a.Name)).toEqual(['Liquibase']);
    }
  });

  it('builds the image on an ARM64 host for arm64 services, on x86 otherwise', () => {
    const arm = projectRunning(Template.fromStack(synthPipelines('dev').pipeline), 'docker push');
    expect(arm.properties.Environment).toMatchObject({
      Type: 'ARM_CONTAINER',
      Image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
      PrivilegedMode: true,
    });
    const x86 = projectRunning(
      Template.fromStack(synthPipelines('dev', { services: { api: { architecture: 'x86_64' } } }).pipeline),
      'docker push',
    );
    expect(x86.properties.Environment).toMatchObject({
      Type: 'LINUX_CONTAINER',
      Image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    });
  });
});

describe('migration build', () => {
  it('runs on a medium Amazon Linux build in the build subnets with the migration security group', () => {
    const harness = synthPipelines('dev');
    const { properties } = projectRunning(Template.fromStack(harness.pipeline), 'migrate-steps.sh migration');
    expect(properties.Environment).toMatchObject({
      ComputeType: 'BUILD_GENERAL1_MEDIUM',
      Image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    });
    const runtime = harness.runtime;
    type Output = { Value: { Ref?: string; 'Fn::GetAtt'?: string[] } };
    const outputs = Template.fromStack(runtime).toJSON().Outputs as Record<string, Output>;
    const exportedRef = (imported: CfnImport) => {
      const { StackName, OutputName } = imported['Fn::GetStackOutput'];
      expect(StackName).toBe(runtime.stackName);
      const output = outputs[OutputName]!;
      return output.Value.Ref ?? output.Value['Fn::GetAtt']?.[0];
    };
    const subnetIds = properties.VpcConfig!.Subnets.map(exportedRef);
    const buildSubnetIds = harness.network.buildSubnets.subnets.map(logicalIdOf);
    expect(subnetIds.sort()).toEqual([...buildSubnetIds].sort());
    expect(properties.VpcConfig!.SecurityGroupIds.map(exportedRef)).toEqual([
      logicalIdOf(harness.network.migrationSecurityGroup),
    ]);
  });

  it("routes the build subnets' internet traffic through the NAT instance", () => {
    const harness = synthPipelines('dev');
    const runtime = Template.fromStack(harness.runtime);
    const natId = logicalIdOf(harness.network.natInstance!);
    for (const subnet of harness.network.buildSubnets.subnets) {
      const tableId = harness.runtime.resolve(subnet.routeTable.routeTableId);
      runtime.hasResourceProperties('AWS::EC2::Route', {
        RouteTableId: tableId,
        DestinationCidrBlock: '0.0.0.0/0',
        InstanceId: { Ref: natId },
      });
    }
  });

  it('the migration security group is the only source besides the services that RDS admits on 5432', () => {
    const harness = synthPipelines('dev');
    const runtime = Template.fromStack(harness.runtime);
    const dbGroup = logicalIdOf(harness.database.instance.connections.securityGroups[0]!);
    const ingress = propertiesOf<Ingress>(runtime, 'AWS::EC2::SecurityGroupIngress').filter(
      (rule) => rule.GroupId?.['Fn::GetAtt']?.[0] === dbGroup,
    );
    expect(ingress.map((rule) => [rule.IpProtocol, rule.FromPort, rule.ToPort])).toEqual([
      ['tcp', 5432, 5432],
      ['tcp', 5432, 5432],
    ]);
    const sources = ingress.map((rule) => rule.SourceSecurityGroupId['Fn::GetAtt'][0]).sort();
    const service = harness.runtime.node.findChild('Service') as ecs.FargateService;
    expect(sources).toEqual(
      [
        logicalIdOf(harness.network.migrationSecurityGroup),
        logicalIdOf(service.connections.securityGroups[0]!),
      ].sort(),
    );
    const inline = runtime.findResources('AWS::EC2::SecurityGroup', {
      Properties: { SecurityGroupIngress: Match.anyValue() },
    });
    expect(Object.keys(inline)).not.toContain(dbGroup);
  });

  it('the migration security group itself admits nothing inbound', () => {
    const harness = synthPipelines('dev');
    const runtime = Template.fromStack(harness.runtime);
    const group = logicalIdOf(harness.network.migrationSecurityGroup);
    const rules = propertiesOf<Ingress>(runtime, 'AWS::EC2::SecurityGroupIngress');
    expect(rules.filter((rule) => rule.GroupId?.['Fn::GetAtt']?.[0] === group)).toEqual([]);
    const resource = runtime.toJSON().Resources[group] as { Properties: Record<string, unknown> };
    expect(resource.Properties.SecurityGroupIngress).toBeUndefined();
  });

  it('names the password by SSM parameter in the buildspec env section, never by value', () => {
    const { properties } = projectRunning(
      Template.fromStack(synthPipelines('dev').pipeline),
      'migrate-steps.sh migration',
    );
    const spec = parse(buildSpecText(properties.Source.BuildSpec));
    expect(spec.env['parameter-store']).toEqual({ DB_PASSWORD: '/shop/dev/db/password' });
    expect(Object.keys(spec.env.variables).sort()).toEqual(
      [
        'DB_HOST',
        'DB_NAME',
        'DB_PORT',
        'DB_SSL',
        'DB_SSL_ROOT_CERT',
        'DB_USER',
        'NPM_CONFIG_UPDATE_NOTIFIER',
      ].sort(),
    );
  });

  it('verifies the database: verify-full against the RDS CA bundle it downloads, checksum-pinned', () => {
    const { properties } = projectRunning(
      Template.fromStack(synthPipelines('dev').pipeline),
      'migrate-steps.sh migration',
    );
    const spec = parse(buildSpecText(properties.Source.BuildSpec));
    expect(spec.env.variables).toMatchObject({
      DB_SSL: 'verify-full',
      DB_SSL_ROOT_CERT: '/etc/ssl/certs/rds-global-bundle.pem',
    });
    expect(spec.phases.install.commands).toContain(
      'node apps/api/docker/rds-ca-bundle.mjs "$DB_SSL_ROOT_CERT"',
    );
  });

  it('uses the Secrets Manager reference when the secret store is secretsmanager', () => {
    const harness = synthPipelines('dev', { secrets: { store: 'secretsmanager' } });
    const { properties } = projectRunning(Template.fromStack(harness.pipeline), 'migrate-steps.sh migration');
    const buildSpec = JSON.stringify(properties.Source.BuildSpec);
    expect(buildSpec).toContain('secrets-manager');
    expect(buildSpec).toContain(':password');
    expect(buildSpec).not.toContain('parameter-store');
  });
});

describe("network.buildEgress: 'endpoints' (no internet in the build subnets)", () => {
  it("runs the CodeBuild migration inside the commit's migration image, without npm ci and without a NAT switch", () => {
    const template = Template.fromStack(
      synthPipelines('dev', { network: { buildEgress: 'endpoints' } }).pipeline,
    );
    const { properties } = projectRunning(template, 'docker run');
    expect(properties.VpcConfig).toBeDefined();
    // The image of this commit, passed by the pipeline: its tag is immutable (ADR 0124).
    expect(buildSpecText(properties.Source.BuildSpec)).toContain('"$MIGRATION_IMAGE"');
    expect(properties.Environment).toMatchObject({
      Type: 'ARM_CONTAINER',
      Image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
      PrivilegedMode: true,
    });
    expect(buildSpecText(properties.Source.BuildSpec)).not.toContain('npm ci');
    expect(parse(buildSpecText(properties.Source.BuildSpec)).env.variables).toMatchObject({
      DB_SSL: 'verify-full',
      DB_SSL_ROOT_CERT: '/etc/ssl/certs/rds-global-bundle.pem',
    });
    const image = projectRunning(template, 'docker push').properties;
    expect(parse(buildSpecText(image.Source.BuildSpec)).env.variables.MIGRATION_IMAGE).toBe('true');
    expect(functionPurposes(template)).toEqual([RECORD_FUNCTION]);
  });
});

describe("migrations.runner: 'fargate-task'", () => {
  const fargate = () =>
    synthPipelines('dev', { migrations: { runner: 'fargate-task' }, network: { buildEgress: 'none' } });

  it('runs the migration as a Fargate task in the public subnets, started by a CodeBuild job outside the VPC', () => {
    const template = Template.fromStack(fargate().pipeline);
    const runner = projectRunning(template, 'aws ecs run-task').properties;
    expect(runner.VpcConfig).toBeUndefined();
    expect(runner.Environment).toMatchObject({ ComputeType: 'BUILD_GENERAL1_SMALL' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64' },
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'migrate',
          Secrets: [Match.objectLike({ Name: 'DB_PASSWORD' })],
          Environment: Match.arrayWith([{ Name: 'DB_SSL', Value: 'verify-full' }]),
        }),
      ],
    });
    const migrate = stage(pipelineNamed(template, 'shop-dev-backend'), 'Migrate').Actions;
    expect(migrate.map((a) => a.Name)).toEqual(['Liquibase']);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  it('builds the migration image beside the API image', () => {
    const image = projectRunning(Template.fromStack(fargate().pipeline), 'docker push').properties;
    expect(parse(buildSpecText(image.Source.BuildSpec)).env.variables.MIGRATION_IMAGE).toBe('true');
  });

  it('passes cdk-nag too', () => {
    const harness = synthPipelines(
      'dev',
      { migrations: { runner: 'fargate-task' }, network: { buildEgress: 'none' } },
      true,
    );
    let report = '';
    try {
      harness.app.synth();
    } catch (error) {
      report = String(error);
    }
    expect(report.split('\n').filter((line) => line.includes('Pipelines/'))).toEqual([]);
  });
});

describe('site pipeline', () => {
  it('builds outside the VPC on a small Amazon Linux build with bucket and distribution from SSM', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    const { properties } = projectRunning(template, 'shoestring deploy-web');
    expect(properties.VpcConfig).toBeUndefined();
    expect(properties.Environment).toMatchObject({
      ComputeType: 'BUILD_GENERAL1_SMALL',
      Type: 'LINUX_CONTAINER',
    });
    expect(parse(buildSpecText(properties.Source.BuildSpec)).env['parameter-store']).toEqual({
      SITE_BUCKET: '/shop/dev/site/bucket-name',
      SITE_DISTRIBUTION_ID: '/shop/dev/site/distribution-id',
      ...SIGN_IN_PARAMETERS,
    });
    expect(stageNames(pipelineNamed(template, 'shop-dev-site'))).toEqual(['Source', 'BuildAndDeploy']);
    template.hasParameter('*', {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/shop/dev/site/bucket-name',
    });
  });

  /** The build spec's `env` and the SSM parameters the site build may read (its one ssm:GetParameters grant). */
  function siteBuild(overrides: Parameters<typeof synthPipelines>[1] = {}) {
    const template = Template.fromStack(synthPipelines('dev', overrides).pipeline);
    const { properties } = projectRunning(template, 'shoestring deploy-web');
    const reads = propertiesOf<{ PolicyDocument: { Statement: Statement[] } }>(template, 'AWS::IAM::Policy')
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .filter(
        (s) =>
          JSON.stringify(s.Action) === '"ssm:GetParameters"' && JSON.stringify(s.Resource).includes('site'),
      );
    expect(reads).toHaveLength(1);
    return {
      env: parse(buildSpecText(properties.Source.BuildSpec)).env,
      reads: reads[0]?.Resource as unknown[],
    };
  }

  it("passes the stage's sign-in outputs for /config.json: SITE_URL is the custom domain when there is one", () => {
    const custom = siteBuild({
      edge: { domain: { name: 'shop.example.com', certificateArn: CERTIFICATE_ARN } },
    });
    expect(custom.env.variables.SITE_URL).toBe('https://shop.example.com');
    expect(custom.env['parameter-store'].SITE_URL).toBeUndefined();
    expect(custom.env['parameter-store'].AUTH_ISSUER).toBe(SIGN_IN_PARAMETERS.AUTH_ISSUER);
    expect(JSON.stringify(custom.reads)).not.toContain('site/url');
    // No user pool (an external issuer, or sign-in off): nothing to write, the bucket's config.json stays.
    for (const overrides of [
      { api: { jwt: { issuer: 'https://tenant.example.com/', audience: ['shop'] } } },
      { auth: { enabled: false } },
    ]) {
      const { env, reads } = siteBuild(overrides);
      expect(Object.keys(env['parameter-store'])).toEqual(['SITE_BUCKET', 'SITE_DISTRIBUTION_ID']);
      expect(reads).toHaveLength(2);
    }
  });

  it('may read exactly the parameters it is given', () => {
    const { reads } = siteBuild();
    const names = [
      '/shop/dev/site/bucket-name',
      '/shop/dev/site/distribution-id',
      ...Object.values(SIGN_IN_PARAMETERS),
    ];
    for (const name of names) expect(JSON.stringify(reads)).toContain(`:parameter${name}`);
    expect(reads).toHaveLength(names.length);
  });

  it('may write only the site bucket and invalidate only the distribution', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    const statements = propertiesOf<{ PolicyDocument: { Statement: Statement[] } }>(
      template,
      'AWS::IAM::Policy',
    ).flatMap((policy) => policy.PolicyDocument.Statement);
    const invalidation = statements.find((s) =>
      JSON.stringify(s.Action).includes('cloudfront:CreateInvalidation'),
    );
    expect(JSON.stringify(invalidation?.Resource)).toContain('distribution/');
    expect(JSON.stringify(invalidation?.Resource)).toContain('SiteDistributionId');
    const writes = statements.filter(
      (s) =>
        JSON.stringify(s.Action).includes('s3:PutObject') &&
        !JSON.stringify(s.Resource).includes('Artifacts'),
    );
    expect(writes.map((s) => JSON.stringify(s.Resource))).toEqual([
      expect.stringContaining('SiteBucketName'),
    ]);
  });
});

describe('the whole pipeline stack', () => {
  it('has no plaintext secret in any CodeBuild environment or buildspec', () => {
    const template = Template.fromStack(synthPipelines('prod').pipeline);
    for (const project of propertiesOf<CfnProject>(template, 'AWS::CodeBuild::Project')) {
      for (const variable of project.Environment.EnvironmentVariables ?? []) {
        if (/PASSWORD|SECRET|TOKEN/i.test(variable.Name)) expect(variable.Type).not.toBe('PLAINTEXT');
      }
      const spec = parse(buildSpecText(project.Source.BuildSpec));
      expect(Object.keys(spec.env.variables ?? {}).filter((n) => /PASSWORD|SECRET|TOKEN/i.test(n))).toEqual(
        [],
      );
    }
  });

  it('passes the cdk-nag AwsSolutions checks, with every exception acknowledged with a reason', () => {
    const harness = synthPipelines('prod', {}, true);
    let report = '';
    try {
      harness.app.synth();
    } catch (error) {
      report = String(error);
    }
    const ours = report.split('\n').filter((line) => line.includes('Pipelines/'));
    expect(ours).toEqual([]);
  });

  it('refuses to synthesize without a connection, naming the fix', () => {
    expect(() => synthPipelines('dev', { pipeline: { connectionArn: undefined } })).toThrow(
      /pipeline.connectionArn/,
    );
  });
});
