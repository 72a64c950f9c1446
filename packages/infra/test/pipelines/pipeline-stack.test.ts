import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSpecText, synthPipelines } from './harness.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

const pipelineNamed = (template: Template, name: string) =>
  Object.values(template.findResources('AWS::CodePipeline::Pipeline') as Resources).find(
    (pipeline) => pipeline.Properties.Name === name,
  )!.Properties;
const stageNames = (pipeline: Record<string, any>) =>
  pipeline.Stages.map((stage: { Name: string }) => stage.Name);
const stage = (pipeline: Record<string, any>, name: string) =>
  pipeline.Stages.find((s: { Name: string }) => s.Name === name);

/** The CodeBuild project whose buildspec runs the given command. */
function projectRunning(template: Template, command: string) {
  const projects = Object.entries(template.findResources('AWS::CodeBuild::Project') as Resources);
  const found = projects.find(([, project]) =>
    buildSpecText(project.Properties.Source.BuildSpec).includes(command),
  );
  if (!found) throw new Error(`no CodeBuild project runs ${command}`);
  return { logicalId: found[0], properties: found[1].Properties };
}

describe('backend pipeline', () => {
  it('runs Source, Build, Migrate, Deploy in dev and adds a manual approval before the prod migration', () => {
    const dev = Template.fromStack(synthPipelines('dev').pipeline);
    const prod = Template.fromStack(synthPipelines('prod').pipeline);
    expect(stageNames(pipelineNamed(dev, 'shop-dev-backend'))).toEqual([
      'Source',
      'Build',
      'Migrate',
      'Deploy',
    ]);
    const prodPipeline = pipelineNamed(prod, 'shop-prod-backend');
    expect(stageNames(prodPipeline)).toEqual(['Source', 'Build', 'Approve', 'Migrate', 'Deploy']);
    expect(stage(prodPipeline, 'Approve').Actions[0].ActionTypeId.Category).toBe('Approval');
    expect(prodPipeline.PipelineType).toBe('V2');
  });

  it('tracks the stage branch through the CodeStar connection', () => {
    const prod = pipelineNamed(Template.fromStack(synthPipelines('prod').pipeline), 'shop-prod-backend');
    expect(stage(prod, 'Source').Actions[0].Configuration).toMatchObject({
      FullRepositoryId: 'acme/shop',
      BranchName: 'release',
      ConnectionArn: expect.stringContaining(':connection/'),
    });
  });

  it('starts the NAT instance, then migrates; Deploy is a later stage, so it runs only after a good migration', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    const pipeline = pipelineNamed(template, 'shop-dev-backend');
    const migrate = stage(pipeline, 'Migrate').Actions;
    expect(migrate.map((a: any) => [a.Name, a.ActionTypeId.Provider, a.RunOrder])).toEqual([
      ['StartNat', 'Lambda', 1],
      ['Liquibase', 'CodeBuild', 2],
    ]);
    const deploy = stage(pipeline, 'Deploy').Actions;
    expect(deploy.map((a: any) => [a.Name, a.ActionTypeId.Provider, a.Configuration.FileName])).toEqual([
      ['Deploy-api', 'ECS', 'imagedefinitions-api.json'],
    ]);
    expect(deploy[0].InputArtifacts).toEqual([{ Name: 'Image' }]);
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
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ec2:StartInstances', 'ec2:StopInstances'],
            Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
          }),
        ]),
      },
    });
  });

  it('leaves the NAT alone when it is always on, or when there is none', () => {
    for (const overrides of [
      { pipeline: { natAlwaysOn: true } },
      { network: { buildEgress: 'endpoints' as const } },
    ]) {
      const template = Template.fromStack(synthPipelines('dev', overrides).pipeline);
      template.resourceCountIs('AWS::Events::Rule', 0);
      template.resourceCountIs('AWS::Lambda::Function', 0);
      const migrate = stage(pipelineNamed(template, 'shop-dev-backend'), 'Migrate').Actions;
      expect(migrate.map((a: any) => a.Name)).toEqual(['Liquibase']);
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
    const { properties } = projectRunning(Template.fromStack(harness.pipeline), 'shoestring migrate update');
    expect(properties.Environment).toMatchObject({
      ComputeType: 'BUILD_GENERAL1_MEDIUM',
      Image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    });
    const runtime = harness.runtime;
    const exportedRef = (imported: any) => {
      const name = imported['Fn::ImportValue'];
      const output = Object.values(Template.fromStack(runtime).toJSON().Outputs as Record<string, any>).find(
        (o) => o.Export.Name === name,
      );
      return output.Value.Ref ?? output.Value['Fn::GetAtt']?.[0];
    };
    const subnetIds = properties.VpcConfig.Subnets.map(exportedRef);
    const buildSubnetIds = harness.network.buildSubnets.subnets.map((s) =>
      runtime.resolve(runtime.getLogicalId(s.node.defaultChild as any)),
    );
    expect(subnetIds.sort()).toEqual([...buildSubnetIds].sort());
    expect(properties.VpcConfig.SecurityGroupIds.map(exportedRef)).toEqual([
      runtime.resolve(runtime.getLogicalId(harness.network.migrationSecurityGroup.node.defaultChild as any)),
    ]);
  });

  it("routes the build subnets' internet traffic through the NAT instance", () => {
    const harness = synthPipelines('dev');
    const runtime = Template.fromStack(harness.runtime);
    const natId = harness.runtime.resolve(
      harness.runtime.getLogicalId(harness.network.natInstance!.node.defaultChild as any),
    );
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
    const resolveId = (construct: any) =>
      harness.runtime.resolve(harness.runtime.getLogicalId(construct.node.defaultChild));
    const dbGroup = resolveId(harness.database.instance.connections.securityGroups[0]);
    const ingress = Object.values(runtime.findResources('AWS::EC2::SecurityGroupIngress') as Resources)
      .map((rule) => rule.Properties)
      .filter((rule) => rule.GroupId?.['Fn::GetAtt']?.[0] === dbGroup);
    // The PostgreSQL port (5432 unless the database sets another) is the instance's endpoint port.
    const dbPort = { 'Fn::GetAtt': [resolveId(harness.database.instance), 'Endpoint.Port'] };
    expect(ingress.every((rule) => rule.IpProtocol === 'tcp')).toBe(true);
    expect(
      ingress.every(
        (rule) => JSON.stringify([rule.FromPort, rule.ToPort]) === JSON.stringify([dbPort, dbPort]),
      ),
    ).toBe(true);
    const sources = ingress.map((rule) => rule.SourceSecurityGroupId['Fn::GetAtt'][0]).sort();
    const service = harness.runtime.node.findChild('Service') as any;
    expect(sources).toEqual(
      [
        resolveId(harness.network.migrationSecurityGroup),
        resolveId(service.connections.securityGroups[0]),
      ].sort(),
    );
    const inline = runtime.findResources('AWS::EC2::SecurityGroup', {
      Properties: { SecurityGroupIngress: Match.anyValue() },
    });
    expect(Object.keys(inline)).not.toContain(dbGroup);
  });

  it('names the password by SSM parameter in the buildspec env section, never by value', () => {
    const { properties } = projectRunning(
      Template.fromStack(synthPipelines('dev').pipeline),
      'shoestring migrate update',
    );
    const spec = parse(buildSpecText(properties.Source.BuildSpec));
    expect(spec.env['parameter-store']).toEqual({ DB_PASSWORD: '/shop/dev/db/password' });
    expect(Object.keys(spec.env.variables).sort()).toEqual(
      ['DB_HOST', 'DB_NAME', 'DB_PORT', 'DB_SSL', 'DB_USER', 'NPM_CONFIG_UPDATE_NOTIFIER'].sort(),
    );
  });

  it('uses the Secrets Manager reference when the secret store is secretsmanager', () => {
    const harness = synthPipelines('dev', { secrets: { store: 'secretsmanager' } });
    const { properties } = projectRunning(Template.fromStack(harness.pipeline), 'shoestring migrate update');
    const buildSpec = JSON.stringify(properties.Source.BuildSpec);
    expect(buildSpec).toContain('secrets-manager');
    expect(buildSpec).toContain(':password');
    expect(buildSpec).not.toContain('parameter-store');
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
    });
    expect(stageNames(pipelineNamed(template, 'shop-dev-site'))).toEqual(['Source', 'BuildAndDeploy']);
    template.hasParameter('*', {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/shop/dev/site/bucket-name',
    });
  });

  it('may write only the site bucket and invalidate only the distribution', () => {
    const template = Template.fromStack(synthPipelines('dev').pipeline);
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const invalidation = statements.find((s) =>
      JSON.stringify(s.Action).includes('cloudfront:CreateInvalidation'),
    );
    expect(JSON.stringify(invalidation.Resource)).toContain('distribution/');
    expect(JSON.stringify(invalidation.Resource)).toContain('SiteDistributionId');
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
    for (const project of Object.values(template.findResources('AWS::CodeBuild::Project') as Resources)) {
      for (const variable of project.Properties.Environment.EnvironmentVariables ?? []) {
        if (/PASSWORD|SECRET|TOKEN/i.test(variable.Name)) expect(variable.Type).not.toBe('PLAINTEXT');
      }
      const spec = parse(buildSpecText(project.Properties.Source.BuildSpec));
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
