import { describe, expect, it } from 'vitest';
import {
  albMonthly,
  cloudMapInstancesMonthly,
  hostedZonesMonthly,
  httpApiMonthly,
  meteredRequests,
} from '../../../src/cost/models/api.ts';
import { toCents } from '../../../src/cost/models/charge.ts';
import {
  auroraServerlessV2Monthly,
  rdsInstanceMonthly,
  rdsStorageMonthly,
} from '../../../src/cost/models/database.ts';
import { usEast1 as prices } from '../../../src/cost/prices/us-east-1.ts';

const cents = (charge: { usd: number } | null) => (charge === null ? null : toCents(charge.usd));

describe('httpApiMonthly', () => {
  it('prices 1 M requests of 4 KB at $1.00', () => {
    expect(cents(httpApiMonthly(prices, { requestsPerMonth: 1_000_000, avgResponseKb: 4 }))).toBe(100);
  });

  it('meters a 600 KB response as two requests (512 KB steps): 1 M requests = $2.00', () => {
    const traffic = { requestsPerMonth: 1_000_000, avgResponseKb: 600 };
    expect(meteredRequests(traffic)).toBe(2_000_000);
    expect(cents(httpApiMonthly(prices, traffic))).toBe(200);
  });

  it('drops to $0.90 a million above 300 M: 400 M = 300 x 1 + 100 x 0.9 = $390', () => {
    const charge = httpApiMonthly(prices, { requestsPerMonth: 400_000_000, avgResponseKb: 1 });
    expect(cents(charge)).toBe(39_000);
    expect(charge.how).toBe('300 M requests x $1.00 + 100 M x $0.90');
  });
});

describe('albMonthly', () => {
  it('costs its hours and two public IPv4 addresses when idle: 0.0225 x 730 + 2 x 3.65 = $23.73 (23.725)', () => {
    expect(albMonthly(prices, { requestsPerMonth: 0, avgResponseKb: 4 }, 2).usd).toBeCloseTo(23.725, 6);
  });

  it('adds LCUs set by new connections at 1,000 rps: 40 LCU x 0.008 x 730 = $233.60 on top', () => {
    const requests = 1000 * 730 * 3600;
    expect(albMonthly(prices, { requestsPerMonth: requests, avgResponseKb: 4 }, 2).usd).toBeCloseTo(
      257.325,
      6,
    );
  });
});

describe('Cloud Map and Route 53', () => {
  it('bills $0.10 per registered instance and $0.50 per hosted zone', () => {
    expect(cents(cloudMapInstancesMonthly(prices, 3))).toBe(30);
    expect(cents(hostedZonesMonthly(prices, 1))).toBe(50);
  });
});

describe('RDS', () => {
  const micro = { instanceClass: 'db.t4g.micro', multiAz: false, storageGb: 20, storageType: 'gp3' };

  it('prices db.t4g.micro at 0.016 x 730 = $11.68 and 20 GB gp3 at 20 x 0.115 = $2.30', () => {
    expect(cents(rdsInstanceMonthly(prices, micro))).toBe(1168);
    expect(cents(rdsStorageMonthly(prices, micro))).toBe(230);
  });

  it('doubles both for Multi-AZ: $23.36 and $4.60', () => {
    expect(cents(rdsInstanceMonthly(prices, { ...micro, multiAz: true }))).toBe(2336);
    expect(cents(rdsStorageMonthly(prices, { ...micro, multiAz: true }))).toBe(460);
  });

  it('refuses a class or storage type not in the table instead of pricing it at $0', () => {
    expect(rdsInstanceMonthly(prices, { ...micro, instanceClass: 'db.r7g.16xlarge' })).toBeNull();
    expect(rdsStorageMonthly(prices, { ...micro, storageType: 'io2' })).toBeNull();
  });
});

describe('auroraServerlessV2Monthly', () => {
  it('prices the 0.5 ACU floor, 20 GB and 5 M I/O: 43.80 + 2.00 + 1.00 = $46.80', () => {
    const charge = auroraServerlessV2Monthly(prices, {
      averageAcu: 0.5,
      storageGb: 20,
      ioPerMonth: 5_000_000,
    });
    expect(cents(charge)).toBe(4680);
  });
});
