// The backend pipeline's Record action, after Deploy: writes the image tag this execution deployed to the stage's
// deployed-tag parameter, which the runtime template resolves its image tag from (ADR 0124).
// Plain JavaScript on purpose: the Lambda Node.js runtime runs it as is, with the AWS SDK v3 it ships.
import {
  CodePipelineClient,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** What ECR accepts as a tag; anything else means the Build variable did not resolve. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * @param {{ ssm: SSMClient, codepipeline: CodePipelineClient, parameterName: string }} deps
 * @returns {(event: any) => Promise<string>}
 */
export function createHandler({ ssm, codepipeline, parameterName }) {
  return async (event) => {
    const job = event['CodePipeline.job'];
    try {
      // UserParameters is `{"tag":"#{Build.IMAGE_TAG}"}`, resolved by CodePipeline before the call.
      const { tag } = JSON.parse(job.data.actionConfiguration.configuration.UserParameters);
      if (typeof tag !== 'string' || !TAG.test(tag))
        throw new Error(`not an image tag: ${JSON.stringify(tag)}`);
      await ssm.send(
        new PutParameterCommand({ Name: parameterName, Value: tag, Type: 'String', Overwrite: true }),
      );
      await codepipeline.send(new PutJobSuccessResultCommand({ jobId: job.id }));
      return tag;
    } catch (error) {
      const message = `Recording the deployed tag in ${parameterName} failed: ${error?.message ?? error}`;
      await codepipeline.send(
        new PutJobFailureResultCommand({ jobId: job.id, failureDetails: { type: 'JobFailed', message } }),
      );
      return 'failed';
    }
  };
}

export const handler = createHandler({
  ssm: new SSMClient({}),
  codepipeline: new CodePipelineClient({}),
  parameterName: process.env.DEPLOYED_TAG_PARAMETER ?? '',
});
