import {
  CodePipelineClient,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import { BatchGetImageCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/constructs/pipelines/record-tag-handler/index.mjs';

const ssm = mockClient(SSMClient);
const codepipeline = mockClient(CodePipelineClient);
const ecr = mockClient(ECRClient);
const handler = createHandler({
  ssm: new SSMClient({ region: 'us-east-1' }),
  codepipeline: new CodePipelineClient({ region: 'us-east-1' }),
  ecr: new ECRClient({ region: 'us-east-1' }),
  parameterName: '/shop/dev/ecr/deployed-tag',
  repositoryName: 'shop-dev-api',
  deployedTagPrefix: 'deployed-',
});
const MANIFEST = '{"schemaVersion":2}';
const MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

/** The job CodePipeline sends a Lambda invoke action, UserParameters already resolved. */
const job = (userParameters: string) => ({
  'CodePipeline.job': {
    id: 'job-1',
    data: { actionConfiguration: { configuration: { UserParameters: userParameters } } },
  },
});

beforeEach(() => {
  ssm.reset();
  codepipeline.reset();
  ecr.reset();
  ssm.on(PutParameterCommand).resolves({ Version: 2 });
  ecr
    .on(BatchGetImageCommand)
    .resolves({ images: [{ imageManifest: MANIFEST, imageManifestMediaType: MEDIA_TYPE }] });
  ecr.on(PutImageCommand).resolves({});
});

describe('the Record action (record-tag-handler)', () => {
  it('GIVEN the tag Build pushed WHEN invoked THEN it overwrites the parameter with it and succeeds the job', async () => {
    expect(await handler(job('{"tag":"0123456789ab"}'))).toBe('0123456789ab');
    expect(ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: '/shop/dev/ecr/deployed-tag', Value: '0123456789ab', Type: 'String', Overwrite: true },
    ]);
    expect(codepipeline.commandCalls(PutJobSuccessResultCommand)[0]?.args[0].input).toEqual({
      jobId: 'job-1',
    });
  });

  it('GIVEN a deploy WHEN recorded THEN the image also gets deployed-<tag>, which the lifecycle keeps', async () => {
    await handler(job('{"tag":"0123456789ab"}'));
    expect(ecr.commandCalls(BatchGetImageCommand)[0]?.args[0].input).toEqual({
      repositoryName: 'shop-dev-api',
      imageIds: [{ imageTag: '0123456789ab' }],
    });
    expect(ecr.commandCalls(PutImageCommand).map((c) => c.args[0].input)).toEqual([
      {
        repositoryName: 'shop-dev-api',
        imageTag: 'deployed-0123456789ab',
        imageManifest: MANIFEST,
        imageManifestMediaType: MEDIA_TYPE,
      },
    ]);
  });

  it('GIVEN the same commit deployed again WHEN its deployed tag exists THEN the job still succeeds', async () => {
    const exists = Object.assign(new Error('tag exists'), { name: 'ImageAlreadyExistsException' });
    ecr.on(PutImageCommand).rejects(exists);
    expect(await handler(job('{"tag":"0123456789ab"}'))).toBe('0123456789ab');
    expect(codepipeline.commandCalls(PutJobSuccessResultCommand)).toHaveLength(1);
  });

  it('GIVEN the image cannot be tagged WHEN recorded THEN the parameter is written and the job fails, saying why', async () => {
    ecr.on(BatchGetImageCommand).resolves({ images: [] });
    expect(await handler(job('{"tag":"0123456789ab"}'))).toBe('failed');
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(1);
    expect(
      codepipeline.commandCalls(PutJobFailureResultCommand)[0]?.args[0].input.failureDetails?.message,
    ).toMatch(/no image shop-dev-api:0123456789ab to tag as deployed/);
  });

  it.each([
    ['an unresolved variable', '{"tag":"#{Build.IMAGE_TAG}"}'],
    ['no tag', '{}'],
    ['no JSON', 'tag'],
  ])(
    'GIVEN %s WHEN invoked THEN it writes nothing and fails the job, naming the parameter',
    async (_, input) => {
      expect(await handler(job(input))).toBe('failed');
      expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
      const failure = codepipeline.commandCalls(PutJobFailureResultCommand)[0]?.args[0].input;
      expect(failure?.jobId).toBe('job-1');
      expect(failure?.failureDetails?.message).toMatch(
        /^Recording the deployed tag in \/shop\/dev\/ecr\/deployed-tag failed: /,
      );
    },
  );

  it('GIVEN SSM refuses the write WHEN invoked THEN the job fails with its reason', async () => {
    ssm.on(PutParameterCommand).rejects(new Error('AccessDeniedException: not allowed'));
    expect(await handler(job('{"tag":"0123456789ab"}'))).toBe('failed');
    expect(
      codepipeline.commandCalls(PutJobFailureResultCommand)[0]?.args[0].input.failureDetails?.message,
    ).toContain('not allowed');
    expect(codepipeline.commandCalls(PutJobSuccessResultCommand)).toHaveLength(0);
  });
});
