import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli-error.ts';
import { stacksOfStage } from '../../../src/cost/source.ts';
import { readCloudAssembly, readTemplateFile } from '../../../src/cost/template/read.ts';
import { FIXTURE } from '../fixture.ts';

function writeJson(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
}

const template = (type: string) => ({
  Resources: { R: { Type: type, Properties: {}, Metadata: { 'aws:cdk:path': 'S/Api/R/Resource' } } },
});

/** A cloud assembly like `cdk synth` writes for an app with two CDK Stages. */
function stagedAssembly(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-cost-'));
  writeJson(path.join(dir, 'manifest.json'), {
    artifacts: {
      'assembly-dev': {
        type: 'cdk:cloud-assembly',
        displayName: 'dev',
        properties: { directoryName: 'assembly-dev' },
      },
      'assembly-prod': {
        type: 'cdk:cloud-assembly',
        displayName: 'prod',
        properties: { directoryName: 'assembly-prod' },
      },
      Tree: { type: 'cdk:tree' },
    },
  });
  for (const stage of ['dev', 'prod']) {
    writeJson(path.join(dir, `assembly-${stage}`, 'manifest.json'), {
      artifacts: {
        [`${stage}Api`]: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://123456789012/us-east-1',
          properties: { templateFile: `${stage}Api.template.json`, stackName: `shoestring-${stage}-api` },
        },
      },
    });
    writeJson(
      path.join(dir, `assembly-${stage}`, `${stage}Api.template.json`),
      template(stage === 'dev' ? 'AWS::SNS::Topic' : 'AWS::SQS::Queue'),
    );
  }
  return dir;
}

describe('readCloudAssembly', () => {
  it('reads the stacks of nested stage assemblies with their stage, region and construct paths', () => {
    const stacks = readCloudAssembly(stagedAssembly());
    expect(stacks.map((s) => [s.stage, s.name, s.region])).toEqual([
      ['dev', 'shoestring-dev-api', 'us-east-1'],
      ['prod', 'shoestring-prod-api', 'us-east-1'],
    ]);
    expect(stacks[0]!.resources[0]).toMatchObject({
      logicalId: 'R',
      type: 'AWS::SNS::Topic',
      cdkPath: 'S/Api/R/Resource',
    });
  });

  it('picks one stage, and names the stacks it has when the stage is missing', () => {
    const dir = stagedAssembly();
    const stacks = readCloudAssembly(dir);
    expect(stacksOfStage(stacks, 'prod', dir).map((s) => s.name)).toEqual(['shoestring-prod-api']);
    expect(() => stacksOfStage(stacks, 'qa', dir)).toThrow(
      /no stack of stage "qa".*dev\/shoestring-dev-api, prod\/shoestring-prod-api/,
    );
  });

  it('says to synthesize when the folder has no manifest', () => {
    expect(() => readCloudAssembly(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-')))).toThrow(
      /npm run synth/,
    );
  });
});

describe('readTemplateFile', () => {
  it('reads a template file as one stack named after the file', () => {
    const stack = readTemplateFile(FIXTURE.pathname);
    expect(stack.name).toBe('shoestring-dev');
    expect(stack.resources.length).toBeGreaterThan(30);
  });

  it('refuses a missing file and a JSON file that is not a template, with a CliError', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-cost-'));
    writeJson(path.join(dir, 'package.json'), { name: 'x' });
    expect(() => readTemplateFile(path.join(dir, 'nope.json'))).toThrow(CliError);
    expect(() => readTemplateFile(path.join(dir, 'package.json'))).toThrow(/not a CloudFormation template/);
  });
});
