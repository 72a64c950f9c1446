import { DescribeAvailabilityZonesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { StageConfig } from '../config/types.ts';
import { judgeZones, type ZoneMapping, type ZoneVerdict } from '../config/vpc-link-zones.ts';
import { isMissingCredentials, NO_CREDENTIALS_MESSAGE } from './aws-errors.ts';

/** The stage's zones as this account maps them, and the verdict on them (ADR 0127). */
export interface StageZoneCheck extends ZoneVerdict {
  readonly zones: readonly ZoneMapping[];
}

/**
 * Looks up the ids the configured zone names map to in the caller's account (read-only: DescribeAvailabilityZones)
 * and judges them against the VPC link list and `network.availabilityZoneIds`. `npm run deploy` runs it before
 * `cdk deploy`, `shoestring doctor` as one of its checks.
 */
export async function checkStageZones(
  ec2: EC2Client,
  config: Pick<StageConfig, 'region' | 'network'>,
): Promise<StageZoneCheck> {
  const names = [...config.network.availabilityZones];
  const answer = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: names }));
  const idByName = new Map((answer.AvailabilityZones ?? []).map((zone) => [zone.ZoneName, zone.ZoneId]));
  const missing = names.filter((name) => !idByName.get(name));
  if (missing.length > 0) {
    return {
      zones: [],
      problems: [`${missing.join(', ')} not found in ${config.region}; use zone names of that region`],
    };
  }
  const zones = names.map((name) => ({ name, id: idByName.get(name) as string }));
  return { zones, ...judgeZones(config.region, zones, config.network.availabilityZoneIds) };
}

/**
 * `npm run deploy`'s gate: true when the stage's zones may be deployed. Prints a one-line reason otherwise (no
 * credentials, a failed lookup, or each problem with its fix), and a note for a region without a recorded list.
 */
export async function zonesAllowDeploy(
  ec2: EC2Client,
  config: Pick<StageConfig, 'stage' | 'region' | 'network'>,
  print: (line: string) => void,
): Promise<boolean> {
  let check: StageZoneCheck;
  try {
    check = await checkStageZones(ec2, config);
  } catch (error) {
    print(
      isMissingCredentials(error)
        ? NO_CREDENTIALS_MESSAGE
        : `could not look up the zone ids of ${config.region}: ${(error as Error).message}`,
    );
    return false;
  }
  if (check.note) print(`note: ${check.note}`);
  if (check.problems.length === 0) return true;
  print(`network.availabilityZones of stage ${config.stage}:\n  ${check.problems.join('\n  ')}`);
  return false;
}
