import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, rate } from './charge.ts';

export interface RdsInstance {
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly storageGb: number;
  readonly storageType: string;
}

/** The instance hours; Multi-AZ (one standby) doubles the rate. Null when the class is not in the table. */
export function rdsInstanceMonthly(prices: PriceTable, db: RdsInstance): Charge | null {
  const hourly = prices.rdsPostgresHour[db.instanceClass];
  if (!hourly) return null;
  const copies = db.multiAz ? 2 : 1;
  return {
    usd: hourly.usd * copies * prices.hoursPerMonth,
    how: `${db.instanceClass} ${rate(hourly.usd)}${db.multiAz ? ' x 2 (Multi-AZ)' : ''} x ${prices.hoursPerMonth} h`,
  };
}

/** Provisioned storage; Multi-AZ stores it twice. Backups up to 100% of it are free. Null for unknown types. */
export function rdsStorageMonthly(prices: PriceTable, db: RdsInstance): Charge | null {
  const perGb = prices.rdsStorageGbMonth[db.storageType];
  if (!perGb) return null;
  const copies = db.multiAz ? 2 : 1;
  return {
    usd: db.storageGb * perGb.usd * copies,
    how: `${num(db.storageGb)} GB ${db.storageType} x ${rate(perGb.usd)}${db.multiAz ? ' x 2 (Multi-AZ)' : ''}`,
  };
}

export interface AuroraServerlessV2 {
  /** The average capacity; a pooled app holds connections open, so it never drops below the minimum or pauses. */
  readonly averageAcu: number;
  readonly storageGb: number;
  readonly ioPerMonth: number;
}

export function auroraServerlessV2Monthly(prices: PriceTable, db: AuroraServerlessV2): Charge {
  const hours = prices.hoursPerMonth;
  const compute = db.averageAcu * prices.auroraAcuHour.usd * hours;
  const storage = db.storageGb * prices.auroraStorageGbMonth.usd;
  const io = (db.ioPerMonth / 1_000_000) * prices.auroraIoMillion.usd;
  return {
    usd: compute + storage + io,
    how: `${num(db.averageAcu)} ACU x ${rate(prices.auroraAcuHour.usd)} x ${hours} h + ${num(db.storageGb)} GB x ${rate(prices.auroraStorageGbMonth.usd)} + ${num(db.ioPerMonth / 1_000_000)} M I/O x ${rate(prices.auroraIoMillion.usd)}`,
  };
}
