// The backend pipeline's Record action, after Deploy: writes the image tag this execution deployed to the stage's
// deployed-tag parameter, which the runtime template resolves its image tag from (ADR 0124).
// Plain JavaScript on purpose: the Lambda Node.js runtime runs it as is, with the AWS SDK v3 it ships.
import {
  CodePipelineClient,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import { BatchGetImageCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** What ECR accepts as a tag; anything else means the Build variable did not resolve. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * @param {{ ssm: SSMClient, codepipeline: CodePipelineClient, ecr: ECRClient, parameterName: string,
 *   repositoryName: string, deployedTagPrefix: string }} deps
 * @returns {(event: any) => Promise<string>}
 */
export function createHandler({ ssm, codepipeline, ecr, parameterName, repositoryName, deployedTagPrefix }) {
  return async (event) => {
    const job = event['CodePipeline.job'];
    try {
      // UserParameters is `{"tag":"#{Build.IMAGE_TAG}"}`, resolved by CodePipeline before the call.
      const { tag } = JSON.parse(job.data.actionConfiguration.configuration.UserParameters);
      if (typeof tag !== 'string' || !TAG.test(tag))
        throw new Error(`not an image tag: ${JSON.stringify(tag)}`);
      // The record first: it is what the next `cdk deploy` runs. Then the tag that keeps the image.
      await ssm.send(
        new PutParameterCommand({ Name: parameterName, Value: tag, Type: 'String', Overwrite: true }),
      );
      await tagAsDeployed(ecr, repositoryName, tag, `${deployedTagPrefix}${tag}`);
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

/** Adds `deployedTag` to the image `tag` names (ECR: the same manifest put again under another tag). */
async function tagAsDeployed(ecr, repositoryName, tag, deployedTag) {
  const { images = [] } = await ecr.send(
    new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag: tag }] }),
  );
  const image = images[0];
  if (!image?.imageManifest) throw new Error(`no image ${repositoryName}:${tag} to tag as deployed`);
  try {
    await ecr.send(
      new PutImageCommand({
        repositoryName,
        imageTag: deployedTag,
        imageManifest: image.imageManifest,
        imageManifestMediaType: image.imageManifestMediaType,
      }),
    );
  } catch (error) {
    // The same commit deployed again: the image has its deployed tag already.
    if (error?.name !== 'ImageAlreadyExistsException') throw error;
  }
}

export const handler = createHandler({
  ssm: new SSMClient({}),
  codepipeline: new CodePipelineClient({}),
  ecr: new ECRClient({}),
  parameterName: process.env.DEPLOYED_TAG_PARAMETER ?? '',
  repositoryName: process.env.REPOSITORY_NAME ?? '',
  deployedTagPrefix: process.env.DEPLOYED_TAG_PREFIX ?? '',
});
