/**
 * The CDK bootstrap stack (`cdk bootstrap`) this aws-cdk-lib deploys through, and the lowest version of it that
 * works: the stacks require version 6 and the lookup role (the pinned NAT image lookup of `npm run deploy`)
 * version 8. aws-cdk-lib keeps these numbers private, so `test/checks/bootstrap.test.ts` synthesizes a stack and
 * fails when an upgrade raises them.
 */
export const CDK_BOOTSTRAP = {
  stackName: 'CDKToolkit',
  /** The stack output that carries the version. */
  versionOutput: 'BootstrapVersion',
  minimumVersion: 8,
} as const;
