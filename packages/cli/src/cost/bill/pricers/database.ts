import { auroraServerlessV2Monthly, rdsInstanceMonthly, rdsStorageMonthly } from '../../models/database.ts';
import { secretsManagerMonthly } from '../../models/secrets.ts';
import type { TemplateResource } from '../../template/read.ts';
import {
  asRecord,
  label,
  literalBoolean,
  literalNumber,
  literalString,
  resourceKey,
} from '../../template/values.ts';
import { type BillLine, line, notPriced, type Pricer, type PricingContext } from '../types.ts';

export const priceDbInstances: Pricer = (instances, ctx) =>
  instances.flatMap((db) => priceDbInstance(db, ctx));

function priceDbInstance(db: TemplateResource, ctx: PricingContext): BillLine[] {
  const p = db.properties;
  const component = ctx.componentOf(db);
  const keys = [resourceKey(db)];
  const instanceClass = literalString(p.DBInstanceClass) ?? 'unknown';
  if (p.DBClusterIdentifier !== undefined) {
    const item = `Aurora instance ${label(db)} (${instanceClass})`;
    if (instanceClass !== 'db.serverless')
      return [notPriced(component, item, 'Aurora provisioned instances are not priced', keys)];
    return [
      {
        component,
        item,
        kind: 'free',
        usd: 0,
        how: 'priced with its Serverless v2 cluster',
        resources: keys,
      },
    ];
  }
  const engine = literalString(p.Engine) ?? 'unknown';
  const facts = {
    instanceClass,
    multiAz: literalBoolean(p.MultiAZ) ?? false,
    storageGb: literalNumber(p.AllocatedStorage) ?? 20,
    storageType: literalString(p.StorageType) ?? 'gp2',
  };
  const name = `${label(db)}, ${instanceClass}${facts.multiAz ? ' Multi-AZ' : ''}`;
  const instance = engine === 'postgres' ? rdsInstanceMonthly(ctx.prices, facts) : null;
  const storage = rdsStorageMonthly(ctx.prices, facts);
  const lines: BillLine[] = [
    instance
      ? line(component, `RDS PostgreSQL instance (${name})`, 'fixed', instance, keys)
      : notPriced(
          component,
          `RDS instance (${name})`,
          `engine ${engine} / class ${instanceClass} is not in the price table`,
          keys,
        ),
    storage
      ? line(component, `RDS storage (${label(db)})`, 'fixed', storage, keys)
      : notPriced(
          component,
          `RDS storage (${label(db)})`,
          `storage type ${facts.storageType} is not in the price table`,
          keys,
        ),
    {
      component,
      item: `RDS automated backups (${label(db)}, ${literalNumber(p.BackupRetentionPeriod) ?? 1} days)`,
      kind: 'free',
      usd: 0,
      how: `backup storage up to 100% of the ${facts.storageGb} GB provisioned is free; a small database stays under it`,
      resources: keys,
    },
  ];
  if (literalBoolean(p.ManageMasterUserPassword) === true) {
    const charge = secretsManagerMonthly(ctx.prices, 1, 0);
    lines.push(line('secrets', `RDS-managed master password secret (${label(db)})`, 'fixed', charge, keys));
  }
  return lines;
}

/** Aurora Serverless v2 bills its minimum ACU around the clock when connections stay open (a pooled app). */
export const priceDbClusters: Pricer = (clusters, ctx) =>
  clusters.flatMap((cluster): BillLine[] => {
    const component = ctx.componentOf(cluster);
    const keys = [resourceKey(cluster)];
    const minAcu = literalNumber(asRecord(cluster.properties.ServerlessV2ScalingConfiguration).MinCapacity);
    if (minAcu === undefined)
      return [
        notPriced(
          component,
          `RDS cluster ${label(cluster)}`,
          'only Aurora Serverless v2 clusters are priced',
          keys,
        ),
      ];
    const instances = ctx
      .byType('AWS::RDS::DBInstance')
      .filter(
        (i) =>
          i.stack === cluster.stack &&
          JSON.stringify(i.properties.DBClusterIdentifier ?? '').includes(cluster.logicalId),
      );
    const charge = auroraServerlessV2Monthly(ctx.prices, {
      averageAcu: minAcu * Math.max(1, instances.length),
      storageGb: 0,
      ioPerMonth: 0,
    });
    return [
      line(
        component,
        `Aurora Serverless v2 at its ${minAcu} ACU minimum (${label(cluster)})`,
        'fixed',
        charge,
        keys,
      ),
      notPriced(
        component,
        `Aurora storage and I/O (${label(cluster)})`,
        'depends on data size and I/O the usage profile does not describe',
        keys,
      ),
    ];
  });
