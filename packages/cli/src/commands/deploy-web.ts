import { createClients, DEPLOY_WEB_USAGE, deployWeb, parseDeployWebArgs } from '../deploy-web/index.ts';

/** Printed for --help and, by main, after an unknown option. */
export const usage = DEPLOY_WEB_USAGE;

/** `shoestring deploy-web`: a thin shell over the deploy-web library. */
export async function run(argv: string[]): Promise<number> {
  const invocation = parseDeployWebArgs(argv);
  if (!invocation) {
    console.log(DEPLOY_WEB_USAGE);
    return 0;
  }
  await deployWeb(invocation.options, createClients(invocation));
  return 0;
}
