import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/cdk-app.ts';
import { resolveStage, type StageSettingsInput } from '../../src/config/index.ts';
import { addPipelineStack } from '../../src/stacks/pipeline-stack.ts';
import { RuntimeStack } from '../../src/stacks/runtime-stack.ts';
import { buildSpecText, type CfnPipeline, type CfnProject, CONNECTION_ARN, propertiesOf } from './harness.ts';

function stage(connectionArn?: string, overrides: StageSettingsInput = {}, name = 'dev') {
  const config = resolveStage(
    { project: 'shop', shared: { ...overrides, pipeline: { connectionArn, repository: 'acme/shop' } } },
    name,
    { account: '123456789012', region: 'us-east-1' },
  );
  const app = createApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const runtime = new RuntimeStack(app, `shop-${name}`, { config });
  return { app, runtime, pipelines: addPipelineStack(app, runtime) };
}

describe('addPipelineStack with the real runtime stack', () => {
  it('adds no pipelines without a connection', () => {
    expect(stage().pipelines).toBeUndefined();
  });

  it('reads the site parameters the runtime stack publishes and deploys to its service container', () => {
    const { pipelines } = stage(CONNECTION_ARN);
    const template = Template.fromStack(pipelines!);
    template.hasParameter('*', {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/shop/dev/site/bucket-name',
    });
    // The sign-in outputs deploy-web writes /config.json from, by the names the runtime stack published.
    const site = propertiesOf<CfnProject>(template, 'AWS::CodeBuild::Project')
      .map((project) => buildSpecText(project.Source.BuildSpec))
      .find((spec) => spec.includes('shoestring deploy-web'));
    expect(site).toContain('AUTH_ISSUER: /shop/dev/auth/issuer');
    expect(site).toContain('AUTH_CLIENT_ID: /shop/dev/auth/client-id');
    expect(site).toContain('SITE_URL: /shop/dev/site/url');
    const deploy = propertiesOf<CfnPipeline>(template, 'AWS::CodePipeline::Pipeline')
      .flatMap((pipeline) => pipeline.Stages)
      .find((s) => s.Name === 'Deploy');
    expect(deploy?.Actions.map((a) => a.Configuration.FileName)).toEqual(['imagedefinitions-api.json']);
    const image = propertiesOf<CfnProject>(template, 'AWS::CodeBuild::Project')
      .map((project) => buildSpecText(project.Source.BuildSpec))
      .find((spec) => spec.includes('docker push'));
    expect(image).toContain('SERVICE_CONTAINERS: api=api');
  });

  it.each([
    ['dev', 'codebuild-vpc', 'ssm'],
    ['prod', 'codebuild-vpc', 'secretsmanager'],
    ['dev', 'fargate-task', 'secretsmanager'],
    ['prod', 'fargate-task', 'ssm'],
  ] as const)(
    'synthesizes %s with runner %s and store %s with no cdk-nag finding in the pipeline stack',
    (name, runner, store) => {
      const { app } = stage(CONNECTION_ARN, { migrations: { runner }, secrets: { store } }, name);
      let report = '';
      try {
        app.synth();
      } catch (error) {
        report = String(error);
      }
      expect(report.split('\n').filter((line) => line.includes(`shop-${name}-pipelines/`))).toEqual([]);
    },
  );
});
