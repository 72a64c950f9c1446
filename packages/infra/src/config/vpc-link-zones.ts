/**
 * The zone ids in which API Gateway offers VPC links for HTTP APIs, by region: the one place this fact lives
 * (ADR 0127). AWS publishes the supported ids, so a zone id of a listed region that is missing here is unsupported
 * (e.g. use1-az3, apne2-az4); a region missing here is not recorded yet, and the check says so instead of guessing.
 *
 * Source: API Gateway developer guide, "Set up VPC links for HTTP APIs", section "Availability by Region"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vpc-links.html), read 2026-12-05.
 * Only the regions whose rows were read in full are listed; add a row from that page to cover another region.
 */
export const VPC_LINK_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az5', 'use1-az6'],
  'us-east-2': ['use2-az1', 'use2-az2', 'use2-az3'],
  'us-west-1': ['usw1-az1', 'usw1-az3'],
  'us-west-2': ['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4'],
  'ap-east-1': ['ape1-az2', 'ape1-az3'],
  'ap-south-1': ['aps1-az1', 'aps1-az2', 'aps1-az3'],
  'ap-northeast-2': ['apne2-az1', 'apne2-az2', 'apne2-az3'],
  'ap-southeast-1': ['apse1-az1', 'apse1-az2', 'apse1-az3'],
  'ap-southeast-2': ['apse2-az1', 'apse2-az2', 'apse2-az3'],
};

/** Where `VPC_LINK_ZONE_IDS` comes from, for messages that send the reader there. */
export const VPC_LINK_ZONES_SOURCE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vpc-links.html';

/** `supported` or `unsupported` per the recorded list; `unrecorded` when the region has no row. */
export type VpcLinkZoneSupport = 'supported' | 'unsupported' | 'unrecorded';

export function vpcLinkZoneSupport(region: string, zoneId: string): VpcLinkZoneSupport {
  const supported = VPC_LINK_ZONE_IDS[region];
  if (!supported) return 'unrecorded';
  return supported.includes(zoneId) ? 'supported' : 'unsupported';
}

/** A configured zone: its name (what the VPC uses) and the id that name maps to in the account. */
export interface ZoneMapping {
  readonly name: string;
  readonly id: string;
}

/** What the zones of a stage look like against the list and the config's `availabilityZoneIds`. */
export interface ZoneVerdict {
  /** Problems that must stop a deploy, each with its fix. */
  readonly problems: string[];
  /** A note when the region has no recorded list (the zones could not be judged). */
  readonly note?: string;
}

/**
 * Judges the account's mapping of the configured zone names: every id must be one AWS lists for VPC links, and,
 * when the config pins `availabilityZoneIds`, the names must map to exactly those ids in this account.
 */
export function judgeZones(
  region: string,
  zones: readonly ZoneMapping[],
  pinnedIds?: readonly string[],
): ZoneVerdict {
  const problems: string[] = [];
  zones.forEach((zone, index) => {
    const pinned = pinnedIds?.[index];
    if (pinned && pinned !== zone.id) {
      problems.push(
        `${zone.name} is ${zone.id} in this account, not ${pinned} (network.availabilityZoneIds); ` +
          `use the name that maps to ${pinned} (aws ec2 describe-availability-zones --zone-ids ${pinned})`,
      );
    }
    if (vpcLinkZoneSupport(region, zone.id) === 'unsupported') {
      problems.push(
        `${zone.name} is ${zone.id}, where HTTP API VPC links are not offered; use zones of ` +
          `${supportedList(region)} in network.availabilityZones (${VPC_LINK_ZONES_SOURCE})`,
      );
    }
  });
  const note = VPC_LINK_ZONE_IDS[region]
    ? undefined
    : `no recorded VPC link zone list for ${region}; compare ${zones.map((z) => z.id).join(', ')} with ` +
      VPC_LINK_ZONES_SOURCE;
  return { problems, note };
}

/** `use1-az1, use1-az2, ...`: the supported ids of a recorded region. */
export function supportedList(region: string): string {
  return (VPC_LINK_ZONE_IDS[region] ?? []).join(', ');
}
