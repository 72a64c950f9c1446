// Types of the plain-JavaScript Lambda handler beside this file, for the tests.
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { SSMClient } from '@aws-sdk/client-ssm';

export interface RecordTagDeps {
  ssm: SSMClient;
  codepipeline: CodePipelineClient;
  ecr: ECRClient;
  /** The stage's deployed-tag parameter. */
  parameterName: string;
  /** The stage's image repository, where the deployed image gets `<deployedTagPrefix><tag>`. */
  repositoryName: string;
  deployedTagPrefix: string;
}

/** Resolves to the recorded tag, or `failed` after failing the job. */
export function createHandler(deps: RecordTagDeps): (event: unknown) => Promise<string>;
export const handler: (event: unknown) => Promise<string>;
