import {
  CodePipelineClient,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/constructs/pipelines/record-tag-handler/index.mjs';

const ssm = mockClient(SSMClient);
const codepipeline = mockClient(CodePipelineClient);
const handler = createHandler({
  ssm: new SSMClient({ region: 'us-east-1' }),
  codepipeline: new CodePipelineClient({ region: 'us-east-1' }),
  parameterName: '/shop/dev/ecr/deployed-tag',
});

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
  ssm.on(PutParameterCommand).resolves({ Version: 2 });
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
