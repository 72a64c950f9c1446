// Types of the plain-JavaScript Lambda handler beside this file, for the tests.
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';

export interface NatSwitchDeps {
  ec2: EC2Client;
  codepipeline: CodePipelineClient;
  ssm: SSMClient;
  /** Name of the SSM parameter that holds the NAT instance's id. */
  instanceParameter: string;
  maxWaitSeconds?: number;
  pollSeconds?: number;
  log?: (line: string) => void;
}

export type NatSwitchResult = 'started' | 'failed' | 'stopping' | 'kept';

export function createHandler(deps: NatSwitchDeps): (event: unknown) => Promise<NatSwitchResult>;
export const handler: (event: unknown) => Promise<NatSwitchResult>;
