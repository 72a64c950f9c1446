import { describe, expect, it } from 'vitest';
import { toCents } from '../../../src/cost/models/charge.ts';
import { fargateMonthly, publicIpv4Monthly } from '../../../src/cost/models/compute.ts';
import {
  dataTransferOutMonthly,
  ebsVolumeMonthly,
  ec2InstanceHours,
  interfaceEndpointsMonthly,
  natGatewayData,
  natGatewayHours,
} from '../../../src/cost/models/network.ts';
import { usEast1 as prices } from '../../../src/cost/prices/us-east-1.ts';

const cents = (charge: { usd: number } | null) => (charge === null ? null : toCents(charge.usd));
const smallTask = { vcpu: 0.25, memoryGb: 0.5, tasks: 1 };

describe('fargateMonthly', () => {
  it('prices an x86 0.25 vCPU / 0.5 GB task all month: (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = $9.01', () => {
    const charge = fargateMonthly(prices, { ...smallTask, architecture: 'x86', spot: false });
    expect(charge.usd).toBeCloseTo(9.010025, 6);
    expect(charge.how).toBe('1 task x (0.25 vCPU x $0.04048 + 0.5 GB x $0.004445) x 730 h');
  });

  it('prices the same task on ARM: (0.25 x 0.03238 + 0.5 x 0.00356) x 730 = $7.21', () => {
    expect(fargateMonthly(prices, { ...smallTask, architecture: 'arm', spot: false }).usd).toBeCloseTo(
      7.20875,
      6,
    );
  });

  it('prices two x86 1 vCPU / 2 GB Spot tasks at 35% of on-demand: 2 x 0.04937 x 730 x 0.35 = $25.23', () => {
    const charge = fargateMonthly(prices, {
      vcpu: 1,
      memoryGb: 2,
      tasks: 2,
      architecture: 'x86',
      spot: true,
    });
    expect(cents(charge)).toBe(2523);
    expect(charge.how).toContain('x 0.35 Spot');
  });
});

describe('publicIpv4Monthly', () => {
  it('bills each address $0.005 an hour: 2 x 0.005 x 730 = $7.30', () => {
    expect(cents(publicIpv4Monthly(prices, 2))).toBe(730);
  });

  it('bills only the hours given: 1 x 0.005 x 10 h = $0.05', () => {
    expect(cents(publicIpv4Monthly(prices, 1, 10))).toBe(5);
  });
});

describe('NAT', () => {
  it('prices two NAT gateways: 2 x 0.045 x 730 = $65.70, and 100 GB processed: $4.50', () => {
    expect(cents(natGatewayHours(prices, 2))).toBe(6570);
    expect(cents(natGatewayData(prices, 100))).toBe(450);
  });

  it('prices a t4g.nano all month: 0.0042 x 730 = $3.07 (3.066), and refuses a type not in the table', () => {
    expect(ec2InstanceHours(prices, 't4g.nano', 730)?.usd).toBeCloseTo(3.066, 6);
    expect(ec2InstanceHours(prices, 'm7i.48xlarge', 730)).toBeNull();
  });

  it('prices an 8 GB gp3 root volume: 8 x 0.08 = $0.64, and refuses an unknown volume type', () => {
    expect(cents(ebsVolumeMonthly(prices, 8, 'gp3'))).toBe(64);
    expect(ebsVolumeMonthly(prices, 8, 'io2')).toBeNull();
  });
});

describe('interfaceEndpointsMonthly', () => {
  it('bills per endpoint per AZ: 5 endpoints x 2 AZ x 0.01 x 730 = $73.00', () => {
    expect(cents(interfaceEndpointsMonthly(prices, 10))).toBe(7300);
  });
});

describe('dataTransferOutMonthly', () => {
  it('is free up to 100 GB and $0.09 a GB beyond: 150 GB = $4.50, 80 GB = $0', () => {
    expect(cents(dataTransferOutMonthly(prices, 150))).toBe(450);
    expect(cents(dataTransferOutMonthly(prices, 80))).toBe(0);
  });
});
