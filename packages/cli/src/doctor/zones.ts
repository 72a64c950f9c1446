import { checkStageZones } from '@shoestring/infra/preflight';
import type { CheckResult, DoctorContext } from './types.ts';

/** The configured zone names map, in this account, to zone ids where HTTP API VPC links exist (ADR 0127). */
export async function checkZones({ config, clients }: DoctorContext): Promise<CheckResult> {
  const check = await checkStageZones(clients.ec2, config);
  const mapped = check.zones.map((zone) => `${zone.name} = ${zone.id}`).join(', ');
  if (check.problems.length > 0) {
    return {
      name: 'zones',
      status: 'fail',
      detail: check.problems.join('; '),
      fix: 'pick two zones whose ids offer VPC links in network.availabilityZones (and availabilityZoneIds)',
    };
  }
  if (check.note) return { name: 'zones', status: 'note', detail: `${mapped}: ${check.note}` };
  return { name: 'zones', status: 'pass', detail: `${mapped}, both offer HTTP API VPC links` };
}
