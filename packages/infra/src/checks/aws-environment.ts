import { EC2Client } from '@aws-sdk/client-ec2';
import type { ConfigEnvironment } from '../config/defaults.ts';

/**
 * The account and region the CDK CLI gives the app (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`), for a script that
 * loads the config outside it (`npm run deploy`): the CDK CLI's variables when set, else the region the AWS SDK
 * finds (AWS_REGION, then the profile's `region` in the shared config file), which is the one the CDK CLI takes
 * from the same credentials. Without it, a config that names no region resolved to us-east-1 in the script while
 * `cdk deploy` deployed to the profile's region, and the script checked zones and followed the pipeline in the
 * wrong one.
 */
export async function cdkCliEnvironment(): Promise<ConfigEnvironment> {
  return {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? (await sdkRegion()),
  };
}

/** The SDK's default region (environment, then profile), or undefined when neither names one. */
async function sdkRegion(): Promise<string | undefined> {
  try {
    return await new EC2Client({}).config.region();
  } catch {
    return undefined;
  }
}
