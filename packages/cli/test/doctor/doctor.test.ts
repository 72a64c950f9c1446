import { DescribeStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { DescribeAddressesCommand, DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { ListImagesCommand } from '@aws-sdk/client-ecr';
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/doctor.ts';
import { createDoctorClients } from '../../src/doctor/index.ts';
import {
  ACCOUNT,
  awsError,
  bootstrapStack,
  CONNECTION_ARN,
  configWith,
  doctor,
  healthyAccount,
  lineOf,
  mocks,
  toolsWith,
} from './harness.ts';

const WITH_PIPELINE = { pipeline: { connectionArn: CONNECTION_ARN } };

beforeEach(healthyAccount);

describe('shoestring doctor on an account ready for a deploy', () => {
  it('GIVEN every answer in order WHEN run THEN each check passes, it says so and exits 0, having asked the right things', async () => {
    const { code, output } = await doctor(configWith(WITH_PIPELINE));
    expect(output).toContain(`shoestring doctor: stage dev, account ${ACCOUNT}, us-east-1`);
    for (const check of [
      'account',
      'bootstrap',
      'zones',
      'connection',
      'image',
      'docker',
      'java',
      'fargate quota',
      'public IPv4',
    ]) {
      expect(lineOf(output, check)).toMatch(/^ {2}pass/);
    }
    expect(lineOf(output, 'bootstrap')).toContain('CDKToolkit version 29 (needs 8+)');
    expect(lineOf(output, 'zones')).toContain('us-east-1a = use1-az4, us-east-1b = use1-az6');
    expect(lineOf(output, 'fargate quota')).toContain('0.5 vCPU at maxTasks, quota 6');
    expect(output).toMatch(/All 9 checks passed or noted/);
    expect(code).toBe(0);
    expect(mocks.ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/shoestring/dev/ecr/repository-name',
    });
    expect(mocks.ecr.commandCalls(ListImagesCommand)[0]?.args[0].input.repositoryName).toBe(
      'shoestring-dev-repository',
    );
    expect(mocks.quotas.commandCalls(GetServiceQuotaCommand)[0]?.args[0].input).toEqual({
      ServiceCode: 'fargate',
      QuotaCode: 'L-3032A538',
    });
    const connectionCall = mocks.connections.commandCalls(GetConnectionCommand)[0];
    expect(connectionCall?.args[0].input.ConnectionArn).toBe(CONNECTION_ARN);
    expect(await connectionCall?.thisValue.config.region()).toBe('eu-west-1');
  });
});

describe('shoestring doctor on a config that names no region', () => {
  it('GIVEN AWS_REGION (as from the profile) THEN it checks that region, the one cdk deploy would use', async () => {
    vi.stubEnv('CDK_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    try {
      const { output } = await doctor(configWith({ region: undefined }));
      expect(output).toMatch(/^shoestring doctor: stage dev, account \d+, eu-central-1$/m);
      expect(mocks.ec2.commandCalls(DescribeAvailabilityZonesCommand)[0]?.args[0].input.ZoneNames).toEqual([
        'eu-central-1a',
        'eu-central-1b',
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('shoestring doctor finds what would break a deploy (each check fails with its fix, exit 1)', () => {
  it('GIVEN credentials of another account THEN account fails naming both', async () => {
    mocks.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/x' });
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'account')).toMatch(
      /FAIL {2}account +the credentials are for 999999999999 .*the config says 123456789012\n.*fix: use credentials of 123456789012/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN the placeholder account in the config THEN account fails with the account to write', async () => {
    const { code, output } = await doctor(configWith({ account: '000000000000' }));
    expect(lineOf(output, 'account')).toMatch(
      /placeholder account 000000000000\n.*fix: set account: '123456789012'/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN no CDKToolkit stack THEN bootstrap fails with the cdk bootstrap command', async () => {
    mocks.cloudformation
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', 'Stack with id CDKToolkit does not exist'));
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'bootstrap')).toMatch(
      /FAIL.*no CDKToolkit stack in us-east-1\n.*fix: cd packages\/infra && npx cdk bootstrap aws:\/\/123456789012\/us-east-1/,
    );
    expect(code).toBe(1);
  });

  it.each([
    [
      'an old version',
      'UPDATE_COMPLETE',
      '6',
      /CDKToolkit is version 6; this aws-cdk-lib needs 8 or later\n.*fix: upgrade it: /,
    ],
    [
      'a rolled back stack',
      'UPDATE_ROLLBACK_COMPLETE',
      '29',
      /CDKToolkit is UPDATE_ROLLBACK_COMPLETE\n.*fix: read its events/,
    ],
  ])('GIVEN %s THEN bootstrap fails', async (_case, status, version, expected) => {
    mocks.cloudformation.on(DescribeStacksCommand).resolves(bootstrapStack(status as StackStatus, version));
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'bootstrap')).toMatch(expected);
    expect(code).toBe(1);
  });

  it('GIVEN us-east-1a is use1-az3 in this account THEN zones fails: no VPC link there', async () => {
    mocks.ec2.on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az3' },
        { ZoneName: 'us-east-1b', ZoneId: 'use1-az6' },
      ],
    });
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'zones')).toMatch(
      /FAIL.*us-east-1a is use1-az3, where HTTP API VPC links are not offered.*\n.*fix: pick two zones/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN a connection still PENDING THEN connection fails with the handshake to finish', async () => {
    mocks.connections.on(GetConnectionCommand).resolves({
      Connection: { ConnectionName: 'github', ConnectionStatus: 'PENDING', ProviderType: 'GitHub' },
    });
    const { code, output } = await doctor(configWith(WITH_PIPELINE));
    expect(lineOf(output, 'connection')).toMatch(
      /FAIL.*github \(GitHub\) is PENDING\n.*fix: finish the handshake: .*github > Update pending connection/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN a connection ARN that does not exist THEN connection fails', async () => {
    mocks.connections.on(GetConnectionCommand).rejects(awsError('ResourceNotFoundException'));
    const { code, output } = await doctor(configWith(WITH_PIPELINE));
    expect(lineOf(output, 'connection')).toMatch(/FAIL.*does not exist in this account\n.*fix: create one/);
    expect(code).toBe(1);
  });

  it('GIVEN no image yet and no Docker THEN both are notes: the first deploy releases the image through the pipeline', async () => {
    mocks.ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
    const { output } = await doctor(configWith(), toolsWith({ java: '17.0.13' }));
    expect(lineOf(output, 'image')).toMatch(
      /note.*no runtime stack yet .*the first deploy releases the first image through the pipeline/,
    );
    expect(lineOf(output, 'docker')).toMatch(
      /note.*docker is not installed .*not needed: the pipeline builds the images, the first one too/,
    );
  });

  it('GIVEN an empty repository and a stopped Docker daemon THEN docker is a note', async () => {
    mocks.ecr.on(ListImagesCommand).resolves({ imageIds: [] });
    const { output } = await doctor(configWith(), toolsWith({ docker: 'daemon-down', java: '21.0.5' }));
    expect(lineOf(output, 'image')).toMatch(/note.*shoestring-dev-repository is empty/);
    expect(lineOf(output, 'docker')).toMatch(/note.*the Docker daemon is not running/);
  });

  it('GIVEN more vCPUs at maxTasks than the Fargate quota THEN fargate quota fails with the amount to ask for', async () => {
    mocks.quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 6 } });
    const { code, output } = await doctor(
      configWith({ services: { api: { cpu: 1024, memoryMiB: 2048, maxTasks: 8 } } }),
    );
    expect(lineOf(output, 'fargate quota')).toMatch(
      /FAIL.*8 vCPU at maxTasks, quota 6 .*\n.*fix: ask for at least 8 .*L-3032A538/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN the fargate-task migration runner THEN its task counts against the Fargate quota too', async () => {
    mocks.quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 6 } });
    const { code, output } = await doctor(
      configWith({
        services: { api: { cpu: 1024, memoryMiB: 2048, maxTasks: 6 } },
        migrations: { runner: 'fargate-task' },
        network: { buildEgress: 'none' },
      }),
    );
    expect(lineOf(output, 'fargate quota')).toMatch(
      /FAIL.*6\.5 vCPU at maxTasks with the 0\.5 vCPU migration task, quota 6 .*\n.*fix: ask for at least 6\.5 /,
    );
    expect(code).toBe(1);
  });

  it('GIVEN a NAT gateway and every Elastic IP of the quota allocated THEN public IPv4 fails', async () => {
    mocks.quotas.on(GetServiceQuotaCommand, { QuotaCode: 'L-0263D0A3' }).resolves({ Quota: { Value: 5 } });
    mocks.ec2.on(DescribeAddressesCommand).resolves({ Addresses: Array.from({ length: 5 }, () => ({})) });
    const { code, output } = await doctor(configWith({ network: { buildEgress: 'nat-gateway' } }));
    expect(lineOf(output, 'public IPv4')).toMatch(
      /FAIL.*1 Elastic IP for the NAT gateway; 5 of 5 allocated .*\n.*fix: release an unused Elastic IP or ask for 6/,
    );
    expect(code).toBe(1);
  });

  it('GIVEN a check the credentials may not make THEN only it fails, with the error, and the others still run', async () => {
    mocks.ecr
      .on(ListImagesCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized to perform: ecr:ListImages'));
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'image')).toMatch(
      /FAIL.*AccessDeniedException: not authorized to perform: ecr:ListImages\n.*fix: the credentials need read access/,
    );
    expect(lineOf(output, 'public IPv4')).toMatch(/^ {2}pass/);
    expect(code).toBe(1);
  });
});

describe('shoestring doctor notes what blocks nothing (exit 0)', () => {
  it('GIVEN no pipeline, an image, no Docker and no Java THEN connection, docker and java are notes', async () => {
    const { code, output } = await doctor(configWith(), toolsWith({}));
    expect(lineOf(output, 'connection')).toMatch(/note.*no pipeline.connectionArn/);
    expect(lineOf(output, 'docker')).toMatch(/note.*not needed: the pipeline builds the images/);
    expect(lineOf(output, 'java')).toMatch(
      /note.*no-jdk\/bin\/java was not found; only local Liquibase needs it/,
    );
    expect(code).toBe(0);
  });

  it('GIVEN Java 11 THEN java is a note naming the version Liquibase needs', async () => {
    const { output } = await doctor(configWith(), toolsWith({ docker: 'running', java: '11.0.2' }));
    expect(lineOf(output, 'java')).toMatch(
      /note.*is Java 11; Liquibase needs 17\+; only local Liquibase needs it.*\n.*fix: install Java 17\+/,
    );
  });

  it('GIVEN a quota the account never changed THEN the AWS default is used', async () => {
    mocks.quotas.on(GetServiceQuotaCommand).rejects(awsError('NoSuchResourceException'));
    mocks.quotas.on(GetAWSDefaultServiceQuotaCommand).resolves({ Quota: { Value: 4 } });
    const { code, output } = await doctor(configWith());
    expect(lineOf(output, 'fargate quota')).toMatch(/pass.*quota 4/);
    expect(code).toBe(0);
  });

  it('GIVEN a region without a recorded VPC link list THEN zones is a note pointing to the AWS page', async () => {
    mocks.ec2.on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [
        { ZoneName: 'eu-north-1a', ZoneId: 'eun1-az1' },
        { ZoneName: 'eu-north-1b', ZoneId: 'eun1-az2' },
      ],
    });
    const { code, output } = await doctor(configWith({ region: 'eu-north-1' }));
    expect(lineOf(output, 'zones')).toMatch(
      /note.*eu-north-1a = eun1-az1.*no recorded VPC link zone list for eu-north-1/,
    );
    expect(code).toBe(0);
  });
});

describe('shoestring doctor input', () => {
  it('GIVEN no --stage WHEN run THEN a one-line error names the option', async () => {
    await expect(run([], { clients: createDoctorClients, env: {}, print: () => {} })).rejects.toThrow(
      'missing --stage NAME (the stage of shoestring.config.ts to check).',
    );
  });

  it('GIVEN a stage the config does not have WHEN run THEN a one-line error lists the stages', async () => {
    const env = { SHOESTRING_CONFIG: configWith() };
    await expect(
      run(['--stage', 'prod'], { clients: createDoctorClients, env, print: () => {} }),
    ).rejects.toThrow(/No stage "prod" in .*: use --stage dev/);
  });
});
