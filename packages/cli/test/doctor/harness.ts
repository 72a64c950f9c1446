import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import { CodeStarConnectionsClient, GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { DescribeAddressesCommand, DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient, ListImagesCommand } from '@aws-sdk/client-ecr';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { run } from '../../src/commands/doctor.ts';
import { createDoctorClients } from '../../src/doctor/index.ts';

export const ACCOUNT = '123456789012';
export const CONNECTION_ARN = `arn:aws:codestar-connections:eu-west-1:${ACCOUNT}:connection/abc-123`;

/** Every client the doctor makes, mocked at `send` (aws-sdk-client-mock): real clients, answers from the test. */
export const mocks = {
  sts: mockClient(STSClient),
  cloudformation: mockClient(CloudFormationClient),
  ec2: mockClient(EC2Client),
  ecr: mockClient(ECRClient),
  ssm: mockClient(SSMClient),
  quotas: mockClient(ServiceQuotasClient),
  connections: mockClient(CodeStarConnectionsClient),
};

/** An account where every check passes: bootstrapped (v29), zones with VPC links, connection AVAILABLE, an image. */
export function healthyAccount(): void {
  for (const mock of Object.values(mocks)) mock.reset();
  mocks.sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/dev` });
  mocks.cloudformation
    .on(DescribeStacksCommand, { StackName: 'CDKToolkit' })
    .resolves(bootstrapStack('UPDATE_COMPLETE', '29'));
  mocks.ec2.on(DescribeAvailabilityZonesCommand).resolves({
    AvailabilityZones: [
      { ZoneName: 'us-east-1a', ZoneId: 'use1-az4' },
      { ZoneName: 'us-east-1b', ZoneId: 'use1-az6' },
    ],
  });
  mocks.ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  mocks.connections.on(GetConnectionCommand).resolves({
    Connection: { ConnectionName: 'github', ConnectionStatus: 'AVAILABLE', ProviderType: 'GitHub' },
  });
  mocks.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'shoestring-dev-repository' } });
  mocks.ecr.on(ListImagesCommand).resolves({ imageIds: [{ imageTag: '3f2a1bc' }] });
  mocks.quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 6 } });
}

/** DescribeStacks' answer for the CDK bootstrap stack in `status` at `version`. */
export function bootstrapStack(status: StackStatus, version: string): DescribeStacksCommandOutput {
  return {
    $metadata: {},
    Stacks: [
      {
        StackName: 'CDKToolkit',
        StackStatus: status,
        CreationTime: new Date(),
        Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: version }],
      },
    ],
  };
}

/** An AWS error as the SDK throws it: the service's exception name and message. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-doctor-'));
writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
let configs = 0;

/** A config file whose `dev` stage has these settings (JSON), in the test account and us-east-1. */
export function configWith(dev: Record<string, unknown> = {}): string {
  const file = path.join(dir, `doctor-${++configs}.config.ts`);
  const stage = { account: ACCOUNT, region: 'us-east-1', ...dev };
  writeFileSync(file, `export default { stages: { dev: ${JSON.stringify(stage)} } };\n`);
  return file;
}

/** A folder of executables standing in for local tools: `docker` and a JDK's `bin/java`, or none of them. */
export function toolsWith(tools: { docker?: 'running' | 'daemon-down'; java?: string }): NodeJS.ProcessEnv {
  const root = mkdtempSync(path.join(dir, 'tools-'));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  const script = (file: string, body: string) => {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };
  if (tools.docker === 'running') script(path.join(bin, 'docker'), 'echo 27.3.1');
  if (tools.docker === 'daemon-down')
    script(path.join(bin, 'docker'), 'echo "Cannot connect to the Docker daemon" >&2; exit 1');
  if (tools.java) script(path.join(bin, 'java'), `echo 'openjdk version "${tools.java}" 2024-10-15' >&2`);
  // Only this folder and the shell's: no real docker or java can answer instead.
  return { PATH: `${bin}:/bin`, JAVA_HOME: tools.java ? root : path.join(root, 'no-jdk') };
}

export const ALL_TOOLS = { docker: 'running', java: '17.0.13' } as const;

/** Runs `shoestring doctor --stage dev` on `config` with the mocks and the tools; the printed lines and the exit code. */
export async function doctor(config: string, tools: NodeJS.ProcessEnv = toolsWith(ALL_TOOLS)) {
  const lines: string[] = [];
  const code = await run(['--stage', 'dev'], {
    clients: createDoctorClients,
    env: { ...tools, SHOESTRING_CONFIG: config },
    print: (line) => lines.push(line),
  });
  return { code, output: lines.join('\n') };
}

/** The printed line of one check (with its fix line, when it has one). */
export function lineOf(output: string, check: string): string {
  const match = new RegExp(`^ {2}(pass|FAIL|note) {2}${check} .*(\\n {22}fix: .*)?`, 'm').exec(output);
  if (!match) throw new Error(`no "${check}" line in:\n${output}`);
  return match[0];
}
