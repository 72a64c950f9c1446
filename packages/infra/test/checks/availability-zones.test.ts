import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStageZones, zonesAllowDeploy } from '../../src/checks/availability-zones.ts';
import { NO_CREDENTIALS_MESSAGE } from '../../src/checks/aws-errors.ts';
import { judgeZones, VPC_LINK_ZONE_IDS, vpcLinkZoneSupport } from '../../src/config/vpc-link-zones.ts';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

/** The account maps `us-east-1a` and `us-east-1b` to these ids (every account maps names differently). */
function accountMaps(ids: Record<string, string>): void {
  ec2.on(DescribeAvailabilityZonesCommand).callsFake((input: { ZoneNames?: string[] }) => ({
    AvailabilityZones: (input.ZoneNames ?? [])
      .filter((name) => ids[name])
      .map((name) => ({ ZoneName: name, ZoneId: ids[name] })),
  }));
}

const stage = (
  network: { availabilityZones: string[]; availabilityZoneIds?: string[] },
  region = 'us-east-1',
) => ({
  region,
  network: { ...network } as never,
});

describe('vpcLinkZoneSupport', () => {
  it('GIVEN the recorded list WHEN zone ids are judged THEN listed ids are supported, others of the region not, and unlisted regions are unrecorded', () => {
    expect(vpcLinkZoneSupport('us-east-1', 'use1-az1')).toBe('supported');
    expect(vpcLinkZoneSupport('us-east-1', 'use1-az3')).toBe('unsupported');
    expect(vpcLinkZoneSupport('ap-northeast-2', 'apne2-az4')).toBe('unsupported');
    expect(vpcLinkZoneSupport('eu-north-1', 'eun1-az1')).toBe('unrecorded');
    for (const [region, ids] of Object.entries(VPC_LINK_ZONE_IDS)) {
      expect(ids.length, region).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('checkStageZones (the zone check of npm run deploy and shoestring doctor)', () => {
  it('GIVEN names that map to supported ids WHEN checked THEN there is no problem and the ids are reported', async () => {
    accountMaps({ 'us-east-1a': 'use1-az4', 'us-east-1b': 'use1-az6' });
    const check = await checkStageZones(
      new EC2Client({}),
      stage({ availabilityZones: ['us-east-1a', 'us-east-1b'] }),
    );
    expect(check.problems).toEqual([]);
    expect(check.zones).toEqual([
      { name: 'us-east-1a', id: 'use1-az4' },
      { name: 'us-east-1b', id: 'use1-az6' },
    ]);
    expect(ec2.commandCalls(DescribeAvailabilityZonesCommand)[0]?.args[0].input.ZoneNames).toEqual([
      'us-east-1a',
      'us-east-1b',
    ]);
  });

  it('GIVEN a name that maps to use1-az3 in this account WHEN checked THEN it is a problem naming the zone and the supported ids', async () => {
    accountMaps({ 'us-east-1a': 'use1-az3', 'us-east-1b': 'use1-az1' });
    const check = await checkStageZones(
      new EC2Client({}),
      stage({ availabilityZones: ['us-east-1a', 'us-east-1b'] }),
    );
    expect(check.problems).toEqual([
      expect.stringMatching(
        /^us-east-1a is use1-az3, where HTTP API VPC links are not offered; use zones of use1-az1, use1-az2, use1-az4/,
      ),
    ]);
  });

  it('GIVEN pinned availabilityZoneIds WHEN the account maps a name to another id THEN it is a problem with the lookup to run', async () => {
    accountMaps({ 'us-east-1a': 'use1-az2', 'us-east-1b': 'use1-az1' });
    const check = await checkStageZones(
      new EC2Client({}),
      stage({
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        availabilityZoneIds: ['use1-az1', 'use1-az1'],
      }),
    );
    expect(check.problems).toEqual([
      expect.stringMatching(/^us-east-1a is use1-az2 in this account, not use1-az1 .*--zone-ids use1-az1/),
    ]);
  });

  it('GIVEN a name the region does not have WHEN checked THEN it is a problem', async () => {
    accountMaps({ 'us-east-1a': 'use1-az1' });
    const check = await checkStageZones(
      new EC2Client({}),
      stage({ availabilityZones: ['us-east-1a', 'us-east-1z'] }),
    );
    expect(check.problems).toEqual(['us-east-1z not found in us-east-1; use zone names of that region']);
  });

  it('GIVEN a region without a recorded list WHEN checked THEN there is no problem but a note pointing to the AWS list', () => {
    const verdict = judgeZones('eu-north-1', [{ name: 'eu-north-1a', id: 'eun1-az1' }]);
    expect(verdict.problems).toEqual([]);
    expect(verdict.note).toMatch(
      /no recorded VPC link zone list for eu-north-1; compare eun1-az1 with https:\/\/docs\.aws/,
    );
  });
});

describe('zonesAllowDeploy (the gate npm run deploy passes before cdk deploy)', () => {
  const dev = { ...stage({ availabilityZones: ['us-east-1a', 'us-east-1b'] }), stage: 'dev' };
  const gate = async () => {
    const lines: string[] = [];
    const allowed = await zonesAllowDeploy(new EC2Client({}), dev, (line) => lines.push(line));
    return { allowed, output: lines.join('\n') };
  };

  it('GIVEN zones with VPC links WHEN the deploy asks THEN it may go on, silently', async () => {
    accountMaps({ 'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2' });
    expect(await gate()).toEqual({ allowed: true, output: '' });
  });

  it('GIVEN use1-az3 WHEN the deploy asks THEN it stops, naming the stage, the zone and the fix', async () => {
    accountMaps({ 'us-east-1a': 'use1-az2', 'us-east-1b': 'use1-az3' });
    const { allowed, output } = await gate();
    expect(allowed).toBe(false);
    expect(output).toMatch(
      /^network.availabilityZones of stage dev:\n {2}us-east-1b is use1-az3, where HTTP API VPC links are not offered/,
    );
  });

  it('GIVEN no credentials WHEN the deploy asks THEN it stops with the one line that says so', async () => {
    ec2
      .on(DescribeAvailabilityZonesCommand)
      .rejects(Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }));
    expect(await gate()).toEqual({ allowed: false, output: NO_CREDENTIALS_MESSAGE });
  });

  it('GIVEN the lookup is refused WHEN the deploy asks THEN it stops with the reason', async () => {
    ec2
      .on(DescribeAvailabilityZonesCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));
    expect(await gate()).toEqual({
      allowed: false,
      output: 'could not look up the zone ids of us-east-1: not authorized',
    });
  });
});
