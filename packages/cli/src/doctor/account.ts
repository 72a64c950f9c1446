import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { PLACEHOLDER_ACCOUNT } from '@shoestring/infra/config';
import { CDK_BOOTSTRAP } from '@shoestring/infra/preflight';
import { unlessMissing } from './missing.ts';
import type { CheckResult, DoctorContext } from './types.ts';

/** The credentials belong to the account the config names (a deploy with other credentials targets another one). */
export async function checkAccount({ config, clients }: DoctorContext): Promise<CheckResult> {
  const { Account: account, Arn: arn } = await clients.sts.send(new GetCallerIdentityCommand({}));
  if (config.account === PLACEHOLDER_ACCOUNT) {
    return {
      name: 'account',
      status: 'fail',
      detail: `the config has the placeholder account ${PLACEHOLDER_ACCOUNT}`,
      fix: `set account: '${account}' for stage ${config.stage} in shoestring.config.ts (or CDK_DEFAULT_ACCOUNT)`,
    };
  }
  if (account !== config.account) {
    return {
      name: 'account',
      status: 'fail',
      detail: `the credentials are for ${account} (${arn}), the config says ${config.account}`,
      fix: `use credentials of ${config.account} (AWS_PROFILE=...), or correct account in shoestring.config.ts`,
    };
  }
  return { name: 'account', status: 'pass', detail: `${account}, as the config says (${arn})` };
}

const BOOTSTRAP_FIX = (config: DoctorContext['config']) =>
  `cd packages/infra && npx cdk bootstrap aws://${config.account}/${config.region}`;

/** `cdk bootstrap` ran in this account and region, recently enough for this aws-cdk-lib. */
export async function checkBootstrap({ config, clients }: DoctorContext): Promise<CheckResult> {
  const name = 'bootstrap';
  // CloudFormation answers a missing stack with a ValidationError "Stack with id ... does not exist".
  const answer = await unlessMissing(
    clients.cloudformation.send(new DescribeStacksCommand({ StackName: CDK_BOOTSTRAP.stackName })),
    ['ValidationError'],
    /does not exist/,
  );
  const stack = answer?.Stacks?.[0];
  if (!stack) {
    return {
      name,
      status: 'fail',
      detail: `no ${CDK_BOOTSTRAP.stackName} stack in ${config.region}`,
      fix: BOOTSTRAP_FIX(config),
    };
  }
  const output = stack.Outputs?.find((o) => o.OutputKey === CDK_BOOTSTRAP.versionOutput);
  const version = Number(output?.OutputValue);
  const status = stack.StackStatus ?? 'UNKNOWN';
  if (!/_COMPLETE$/.test(status) || /ROLLBACK|DELETE/.test(status)) {
    return {
      name,
      status: 'fail',
      detail: `${CDK_BOOTSTRAP.stackName} is ${status}`,
      fix: `read its events in the CloudFormation console, then ${BOOTSTRAP_FIX(config)}`,
    };
  }
  if (!(version >= CDK_BOOTSTRAP.minimumVersion)) {
    return {
      name,
      status: 'fail',
      detail: `${CDK_BOOTSTRAP.stackName} is version ${output?.OutputValue ?? 'unknown'}; this aws-cdk-lib needs ${CDK_BOOTSTRAP.minimumVersion} or later`,
      fix: `upgrade it: ${BOOTSTRAP_FIX(config)}`,
    };
  }
  return {
    name,
    status: 'pass',
    detail: `${CDK_BOOTSTRAP.stackName} version ${version} (needs ${CDK_BOOTSTRAP.minimumVersion}+)`,
  };
}
