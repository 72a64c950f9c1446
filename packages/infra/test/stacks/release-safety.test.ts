import { readdirSync, readFileSync } from 'node:fs';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addStage } from '../../src/app.ts';
import { createApp } from '../../src/cdk-app.ts';
import { resolveStage } from '../../src/config/index.ts';
import type { StageSettingsInput } from '../../src/config/types.ts';
import { DEPLOYED_IMAGE_TAG_PREFIX } from '../../src/constructs/image-tags.ts';
import { BUILDSPEC_DIR } from '../../src/constructs/pipelines/index.ts';
import { NO_IMAGE_TAG } from '../../src/images.ts';
import { TEST_ENV } from '../helpers/synth.ts';
import { buildSpecText, CONNECTION_ARN } from '../pipelines/harness.ts';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Json = {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, { Type: string; Default?: string }>;
};
type Action = {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Provider: string };
  Configuration: Record<string, string>;
};
type Pipeline = { Name: string; Stages: { Name: string; Actions: Action[] }[] };
type Statement = { Action: string | string[]; Resource: unknown };

interface Synthesized {
  readonly name: string;
  readonly runtime: Json;
  readonly pipelines: Json;
}

/** One stage of project `shop` with its pipelines stack, as `npm run deploy` deploys it. */
function synth(
  name: string,
  stage: string,
  shared: StageSettingsInput = {},
  firstDeploy = false,
): Synthesized {
  const app = createApp({ builtinCloudFormationValidation: false });
  const config = resolveStage(
    {
      project: 'shop',
      shared: { ...shared, pipeline: { connectionArn: CONNECTION_ARN, repository: 'acme/shop' } },
    },
    stage,
    TEST_ENV,
  );
  const { runtime, pipelines } = addStage(app, config, { firstDeploy });
  const json = (stack: Stack) => Template.fromStack(stack).toJSON() as Json;
  return { name, runtime: json(runtime), pipelines: json(pipelines!) };
}

const ofType = (json: Json, type: string) => Object.values(json.Resources).filter((r) => r.Type === type);
/** The one resource of `type`; fails when there is none or more than one. */
const theOne = (json: Json, type: string, name: string) => {
  const found = ofType(json, type);
  expect(found.length, `${name}: ${type}`).toBe(1);
  return found[0]!;
};
const projects = (json: Json) => ofType(json, 'AWS::CodeBuild::Project');
const buildSpec = (project: Resource) =>
  buildSpecText((project.Properties.Source as { BuildSpec: unknown }).BuildSpec);
const projectRunning = (json: Json, command: string) => {
  const found = projects(json).filter((p) => buildSpec(p).includes(command));
  expect(found, command).toHaveLength(1);
  return found[0]!;
};
const backend = (json: Json) =>
  ofType(json, 'AWS::CodePipeline::Pipeline')
    .map((r) => r.Properties as unknown as Pipeline)
    .find((p) => p.Name.endsWith('-backend'))!;
const statements = (json: Json) =>
  ofType(json, 'AWS::IAM::Policy').flatMap(
    (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
  );
type ContainerDefinition = { Name: string; Image: unknown };
const containers = (json: Json) =>
  ofType(json, 'AWS::ECS::TaskDefinition').flatMap(
    (task) => task.Properties.ContainerDefinitions as ContainerDefinition[],
  );

let stages: Synthesized[];
beforeAll(() => {
  stages = [
    synth('dev', 'dev'),
    synth('prod', 'prod'),
    synth('dev, fargate-task runner, Secrets Manager', 'dev', {
      migrations: { runner: 'fargate-task' },
      network: { buildEgress: 'none' },
      secrets: { store: 'secretsmanager' },
    }),
    synth('dev, build subnets without internet', 'dev', { network: { buildEgress: 'endpoints' } }),
    synth('dev, x86_64', 'dev', { services: { api: { architecture: 'x86_64' } } }),
  ];
}, 300_000);

describe('images (ADR 0124)', () => {
  it('THEN every ECR repository has immutable tags', () => {
    for (const { name, runtime } of stages) {
      expect(theOne(runtime, 'AWS::ECR::Repository', name).Properties.ImageTagMutability, name).toBe(
        'IMMUTABLE',
      );
    }
  });

  it('THEN the lifecycle never expires the images of the last deploys, whatever else is pushed', () => {
    for (const { name, runtime } of stages) {
      const repository = theOne(runtime, 'AWS::ECR::Repository', name);
      const policy = repository.Properties.LifecyclePolicy as { LifecyclePolicyText: string };
      const { rules } = JSON.parse(policy.LifecyclePolicyText) as {
        rules: { rulePriority: number; selection: { tagStatus: string; tagPrefixList?: string[] } }[];
      };
      const byPriority = [...rules].sort((a, b) => a.rulePriority - b.rulePriority);
      // A rule of lower priority never expires an image a higher one matches (ECR lifecycle policies).
      expect(byPriority[0]?.selection, name).toMatchObject({
        tagStatus: 'tagged',
        tagPrefixList: [DEPLOYED_IMAGE_TAG_PREFIX],
      });
      expect(byPriority.at(-1)?.selection.tagStatus, name).toBe('any');
    }
  });

  it('THEN no task definition, project or buildspec names a latest tag or pushes one', () => {
    for (const { name, runtime, pipelines } of stages) {
      for (const json of [runtime, pipelines]) {
        for (const container of containers(json)) {
          expect(JSON.stringify(container.Image), `${name} ${container.Name}`).not.toMatch(
            /:latest\b|"latest"/,
          );
        }
        for (const project of projects(json)) {
          expect(JSON.stringify(project.Properties.Environment), name).not.toMatch(/:latest\b/);
          expect(buildSpec(project), name).not.toMatch(/:latest\b|:migrate\b/);
        }
      }
    }
    for (const file of readdirSync(BUILDSPEC_DIR)) {
      const text = readFileSync(`${BUILDSPEC_DIR}${file}`, 'utf8');
      expect(text, file).not.toMatch(/:latest\b|:migrate"/);
    }
  });

  it('THEN the API containers run the tag the pipeline recorded, resolved from its parameter at every deploy', () => {
    for (const { name, runtime } of stages) {
      const api = containers(runtime).filter((c) => c.Name === 'api');
      expect(api.length, name).toBeGreaterThan(0);
      for (const container of api) {
        const [, parts] = (container.Image as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
        const tag = parts.at(-1) as { Ref: string };
        const parameter = runtime.Parameters?.[tag.Ref];
        expect(parameter, name).toEqual({
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: `/shop/${name.startsWith('prod') ? 'prod' : 'dev'}/ecr/deployed-tag`,
        });
      }
    }
  });

  it('GIVEN a first deploy THEN the services have zero tasks and name a tag nothing pulls', () => {
    const first = synth('dev, first deploy', 'dev', {}, true);
    for (const service of ofType(first.runtime, 'AWS::ECS::Service')) {
      expect(service.Properties.DesiredCount).toBe(0);
    }
    // Registering a scalable target would raise the count to minTasks at once; the next deploy adds it.
    expect(ofType(first.runtime, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual([]);
    for (const { name, runtime } of stages) {
      expect(ofType(runtime, 'AWS::ApplicationAutoScaling::ScalableTarget').length, name).toBeGreaterThan(0);
      for (const service of ofType(runtime, 'AWS::ECS::Service')) {
        expect(service.Properties.DesiredCount, name).toBeUndefined();
      }
    }
    const api = containers(first.runtime).find((c) => c.Name === 'api');
    expect(JSON.stringify(api?.Image)).toContain(`:${NO_IMAGE_TAG}"`);
    // Nothing reads the parameter the pipeline has not written yet.
    expect(JSON.stringify(first.runtime.Parameters ?? {})).not.toContain('deployed-tag');
  });

  it('THEN the deployed tag is written only by the Record stage, after Deploy, with the tag Build pushed', () => {
    for (const { name, runtime, pipelines } of stages) {
      const pipeline = backend(pipelines);
      expect(pipeline.Stages.map((s) => s.Name).slice(-2), name).toEqual(['Deploy', 'Record']);
      const [record, ...others] = pipeline.Stages.at(-1)!.Actions;
      expect(others, name).toEqual([]);
      expect(record?.ActionTypeId.Provider).toBe('Lambda');
      expect(JSON.parse(record!.Configuration.UserParameters!)).toEqual({ tag: '#{Build.IMAGE_TAG}' });
      expect(pipeline.Stages.find((s) => s.Name === 'Build')?.Actions[0]).toMatchObject({
        Namespace: 'Build',
      });
      const parameterName = Object.values(runtime.Parameters ?? {}).find((p) =>
        p.Default?.endsWith('/ecr/deployed-tag'),
      )?.Default;
      expect(parameterName, name).toMatch(/^\/shop\/(dev|prod)\/ecr\/deployed-tag$/);
      // The action invokes the function that writes exactly that parameter ...
      const functionId = (record!.Configuration.FunctionName as unknown as { Ref: string }).Ref;
      const fn = pipelines.Resources[functionId]!;
      expect((fn.Properties.Environment as { Variables: Record<string, string> }).Variables).toEqual({
        DEPLOYED_TAG_PARAMETER: parameterName,
        // ... and tags the deployed image so the lifecycle keeps it
        REPOSITORY_NAME: expect.anything(),
        DEPLOYED_TAG_PREFIX: DEPLOYED_IMAGE_TAG_PREFIX,
      });
      // ... and its role is the one that may write it.
      const writers = statements(pipelines).filter((s) => [s.Action].flat().includes('ssm:PutParameter'));
      expect(writers.map((s) => s.Resource)).toEqual([
        `arn:aws:ssm:us-east-1:123456789012:parameter${parameterName}`,
      ]);
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const writerPolicies = ofType(pipelines, 'AWS::IAM::Policy').filter((p) =>
        JSON.stringify(p.Properties.PolicyDocument).includes('ssm:PutParameter'),
      );
      expect(writerPolicies.map((p) => p.Properties.Roles)).toEqual([[{ Ref: roleId }]]);
    }
  });

  it('THEN the migration runners get the commit’s migration image from the Build stage, never by a moving tag', () => {
    for (const { name, pipelines } of stages.slice(2, 4)) {
      const migrate = backend(pipelines).Stages.find((s) => s.Name === 'Migrate')!;
      const liquibase = migrate.Actions.find((a) => a.Name === 'Liquibase')!;
      expect(JSON.parse(liquibase.Configuration.EnvironmentVariables!), name).toContainEqual({
        name: 'MIGRATION_IMAGE',
        type: 'PLAINTEXT',
        value: '#{Build.MIGRATION_IMAGE_URI}',
      });
      const image = parse(buildSpec(projectRunning(pipelines, 'docker build')));
      expect(image.env.variables.MIGRATION_IMAGE, name).toBe('true');
      expect(image.env['exported-variables']).toEqual(['IMAGE_TAG', 'MIGRATION_IMAGE_URI']);
    }
    const fargate = stages[2]!.pipelines;
    const runner = buildSpec(projectRunning(fargate, 'aws ecs run-task'));
    expect(runner).toContain('aws ecs register-task-definition --cli-input-json file://revision.json');
    expect(runner).toContain('--task-definition "$revision"');
    const offline = stages[3]!.pipelines;
    const vpcProject = projectRunning(offline, 'docker run');
    expect(vpcProject.Properties.Environment).toMatchObject({ PrivilegedMode: true, Type: 'ARM_CONTAINER' });
    expect(vpcProject.Properties.VpcConfig).toBeDefined();
  });

  it('THEN the image is built on the architecture the task definitions run (item 9)', () => {
    const expected = {
      ARM64: { Type: 'ARM_CONTAINER', Image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0' },
      X86_64: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0' },
    } as const;
    const seen = new Set<string>();
    for (const { name, runtime, pipelines } of stages) {
      const architectures = new Set(
        ofType(runtime, 'AWS::ECS::TaskDefinition').map(
          (task) =>
            (task.Properties.RuntimePlatform as { CpuArchitecture: 'ARM64' | 'X86_64' }).CpuArchitecture,
        ),
      );
      expect(architectures.size, name).toBe(1);
      const [architecture] = [...architectures] as ('ARM64' | 'X86_64')[];
      seen.add(architecture!);
      const build = projectRunning(pipelines, 'docker build');
      expect(build.Properties.Environment, name).toMatchObject({
        ...expected[architecture!],
        PrivilegedMode: true,
      });
    }
    expect([...seen].sort()).toEqual(['ARM64', 'X86_64']);
  });
});

describe('the database survives every rollback and removal (ADR 0125)', () => {
  it('THEN in every stage the instance is snapshotted, never simply deleted, on delete and on replacement', () => {
    for (const { name, runtime } of stages) {
      const instance = theOne(runtime, 'AWS::RDS::DBInstance', name);
      expect([instance.DeletionPolicy, instance.UpdateReplacePolicy], name).toEqual(['Snapshot', 'Snapshot']);
    }
  });

  it('THEN in every stage the password the snapshots open with is retained', () => {
    for (const { name, runtime } of stages) {
      const passwords = [
        ...ofType(runtime, 'Custom::SecureStringPassword').filter((r) =>
          String(r.Properties.ParameterName).endsWith('/db/password'),
        ),
        ...ofType(runtime, 'AWS::SecretsManager::Secret'),
      ];
      expect(passwords.length, name).toBe(1);
      for (const password of passwords) {
        expect([password.DeletionPolicy, password.UpdateReplacePolicy], name).toEqual(['Retain', 'Retain']);
        if (password.Type === 'Custom::SecureStringPassword') {
          expect(password.Properties.RetainOnDelete, name).toBe('true');
        }
      }
    }
    expect(stages.some((s) => ofType(s.runtime, 'AWS::SecretsManager::Secret').length === 1)).toBe(true);
  });
});
