// Types of the plain-JavaScript Lambda handler beside this file, for the tests.
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { EC2Client } from '@aws-sdk/client-ec2';

export interface NatSwitchDeps {
  ec2: EC2Client;
  codepipeline: CodePipelineClient;
  instanceId: string;
  maxWaitSeconds?: number;
  pollSeconds?: number;
  log?: (line: string) => void;
}

export function createHandler(
  deps: NatSwitchDeps,
): (event: unknown) => Promise<'started' | 'failed' | 'stopping'>;
export const handler: (event: unknown) => Promise<'started' | 'failed' | 'stopping'>;
