import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { addStage } from '../../src/app.ts';
import { createApp } from '../../src/cdk-app.ts';
import { readConfigFile, resolveStage, stageNames } from '../../src/config/index.ts';
import type { ShoestringConfigInput } from '../../src/config/types.ts';
import { TEST_ENV } from '../helpers/synth.ts';
import { explicitNames, sharedNames } from '../helpers/unique-names.ts';

type CfnStatement = { Action: string | string[]; Condition?: { StringEquals?: Record<string, string> } };
type CfnResource = {
  Type: string;
  Properties: { Tags?: { Key: string; Value: string }[]; PolicyDocument?: { Statement: CfnStatement[] } };
};

const CONNECTION =
  'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000';

/** The repository's config with a git connection, so every stage has its pipelines stack too. */
async function repositoryConfig(): Promise<ShoestringConfigInput> {
  const input = await readConfigFile();
  const shared = input.shared ?? {};
  return { ...input, shared: { ...shared, pipeline: { ...shared.pipeline, connectionArn: CONNECTION } } };
}

/** Every stage of `input` in one app, one account and region, as `npm run deploy` puts them there. */
function synthAllStages(input: ShoestringConfigInput, context: Record<string, unknown> = {}): Stack[] {
  // CDK's template lint only warns here and doubles the synth time; the names are what this file checks.
  const app = createApp({ context, builtinCloudFormationValidation: false });
  return stageNames(input).flatMap((stage) => {
    const { runtime, pipelines } = addStage(app, resolveStage(input, stage, TEST_ENV));
    return pipelines ? [runtime, pipelines] : [runtime];
  });
}

describe('every stage of the config in one account and region', () => {
  let input: ShoestringConfigInput;
  let stacks: Stack[];
  beforeAll(async () => {
    input = await repositoryConfig();
    stacks = synthAllStages(input);
  });

  it('THEN the stacks of dev and prod, runtime and pipelines, share no name that must be unique', () => {
    expect(stacks.map((stack) => stack.stackName)).toEqual([
      'shoestring-dev',
      'shoestring-dev-pipelines',
      'shoestring-prod',
      'shoestring-prod-pipelines',
    ]);
    const named = explicitNames(stacks);
    // The check sees the names the stacks do set: launch templates, parameters, pipelines, CloudFront, dashboards.
    const types = new Set(named.map((n) => n.type));
    for (const type of [
      'AWS::EC2::LaunchTemplate',
      'AWS::SSM::Parameter',
      'AWS::CodePipeline::Pipeline',
      'AWS::CloudFront::Function',
      'AWS::CloudFront::CachePolicy',
      'AWS::CloudWatch::Dashboard',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
    expect(sharedNames(named)).toEqual([]);
  });

  it('THEN no stack imports a value of another stack (a replaced resource would block the update)', () => {
    for (const stack of stacks) {
      expect(JSON.stringify(Template.fromStack(stack).toJSON()), stack.stackName).not.toContain(
        'Fn::ImportValue',
      );
    }
  });

  it('THEN no stack reads the id of an EC2 instance, which a new AMI replaces, from another stack', () => {
    const instanceOutputs = new Set<string>();
    for (const stack of stacks) {
      const { Resources, Outputs = {} } = Template.fromStack(stack).toJSON() as {
        Resources: Record<string, { Type: string }>;
        Outputs?: Record<string, { Value: unknown }>;
      };
      for (const [name, output] of Object.entries(Outputs)) {
        const ref = (output.Value as { Ref?: string }).Ref;
        if (ref && Resources[ref]?.Type === 'AWS::EC2::Instance')
          instanceOutputs.add(`${stack.stackName}/${name}`);
      }
    }
    expect(instanceOutputs.size).toBeGreaterThan(0);
    for (const stack of stacks) {
      const json = JSON.stringify(Template.fromStack(stack).toJSON());
      const reads = [
        ...json.matchAll(
          /"Fn::GetStackOutput":\{"StackName":"([^"]+)","Region":"[^"]*","OutputName":"([^"]+)"/g,
        ),
      ];
      const instanceReads = reads
        .map(([, from, output]) => `${from}/${output}`)
        .filter((o) => instanceOutputs.has(o));
      expect(instanceReads, stack.stackName).toEqual([]);
    }
  });

  it("THEN each stage's NAT switch may stop exactly that stage's NAT instance, by its tags", () => {
    const json = (stack: Stack) =>
      Template.fromStack(stack).toJSON() as { Resources: Record<string, CfnResource> };
    for (let i = 0; i < stacks.length; i += 2) {
      const [runtime, pipelines] = [json(stacks[i]!), json(stacks[i + 1]!)];
      const statement = Object.values(pipelines.Resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy')
        .flatMap((r) => r.Properties.PolicyDocument?.Statement ?? [])
        .find((st) => [st.Action].flat().includes('ec2:StopInstances'));
      const wanted = Object.entries(statement?.Condition?.StringEquals ?? {});
      expect(wanted.length).toBeGreaterThan(0);
      const tagsOf = (r: CfnResource) =>
        Object.fromEntries((r.Properties.Tags ?? []).map((t) => [t.Key, t.Value]));
      const matches = (tags: Record<string, string>) =>
        wanted.every(([key, value]) => tags[key.replace('aws:ResourceTag/', '')] === value);
      const instances = stacks
        .map(json)
        .flatMap((t) => Object.values(t.Resources).filter((r) => r.Type === 'AWS::EC2::Instance'));
      const own = Object.values(runtime.Resources).filter((r) => r.Type === 'AWS::EC2::Instance');
      expect(own.map((r) => matches(tagsOf(r)))).toEqual([true]);
      expect(instances.filter((r) => matches(tagsOf(r)))).toHaveLength(1);
    }
  });

  it('GIVEN the imdsv2 flag off (no cdk.json flags) WHEN synthesized THEN the launch template name is found shared', () => {
    const flagOff = synthAllStages(input, { '@aws-cdk/aws-ec2:uniqueImdsv2TemplateName': false });
    expect(sharedNames(explicitNames(flagOff))).toEqual([
      'AWS::EC2::LaunchTemplate NatInstanceLaunchTemplate: ' +
        'shoestring-dev/NetworkVpcpublicSubnet1NatInstanceLaunchTemplate315E5B8C, ' +
        'shoestring-prod/NetworkVpcpublicSubnet1NatInstanceLaunchTemplate315E5B8C',
    ]);
  });
});
