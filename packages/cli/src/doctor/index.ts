import { isMissingCredentials, NO_CREDENTIALS_MESSAGE } from '@shoestring/infra/preflight';
import { CliError } from '../cli-error.ts';
import { checkAccount, checkBootstrap } from './account.ts';
import { checkConnection } from './connection.ts';
import { checkImageAndDocker, checkJava } from './image.ts';
import { checkElasticIpQuota, checkFargateQuota } from './quotas.ts';
import type { Check, CheckResult, DoctorContext } from './types.ts';
import { checkZones } from './zones.ts';

export { createDoctorClients, type DoctorClients } from './clients.ts';
export type { CheckResult, CheckStatus, DoctorContext } from './types.ts';

/** In order: the account first, since every other answer is about it. */
const CHECKS: readonly [name: string, check: Check][] = [
  ['account', checkAccount],
  ['bootstrap', checkBootstrap],
  ['zones', checkZones],
  ['connection', checkConnection],
  ['image', checkImageAndDocker],
  ['java', checkJava],
  ['fargate quota', checkFargateQuota],
  ['public IPv4', checkElasticIpQuota],
];

/**
 * Runs every check, read-only, printing each result as it comes. A check that errors (access denied, throttling)
 * fails with the error's message; missing credentials end the run with one line, since nothing else can answer.
 */
export async function runDoctor(ctx: DoctorContext, print: (line: string) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, check] of CHECKS) {
    const outcome = await check(ctx).catch((error: unknown): CheckResult => {
      if (isMissingCredentials(error)) throw new CliError(NO_CREDENTIALS_MESSAGE);
      const { name: errorName, message } = error as Error;
      return {
        name,
        status: 'fail',
        detail: `${errorName}: ${message.split('\n')[0]}`,
        fix: 'the credentials need read access for this check (see docs/operations.md, Preflight)',
      };
    });
    for (const result of [outcome].flat()) {
      results.push(result);
      print(formatResult(result));
    }
  }
  return results;
}

const MARK = { pass: 'pass', fail: 'FAIL', note: 'note' } as const;

export function formatResult(result: CheckResult): string {
  const head = `  ${MARK[result.status]}  ${result.name.padEnd(14)} ${result.detail}`;
  return result.fix && result.status !== 'pass' ? `${head}\n${' '.repeat(22)}fix: ${result.fix}` : head;
}

/** The closing line: how many failed, so the exit code has words. */
export function summary(results: readonly CheckResult[]): string {
  const failed = results.filter((r) => r.status === 'fail').length;
  return failed === 0
    ? `All ${results.length} checks passed or noted: ready for npm run deploy.`
    : `${failed} of ${results.length} checks failed: fix them before npm run deploy.`;
}
