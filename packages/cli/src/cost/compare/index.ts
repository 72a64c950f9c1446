import { pricingContext } from '../bill/build.ts';
import { averageTasks, serviceFacts } from '../bill/pricers/ecs-services.ts';
import type { RdsInstance } from '../models/database.ts';
import type { PriceTable } from '../prices/index.ts';
import type { TemplateResource } from '../template/read.ts';
import { literalBoolean, literalNumber, literalString } from '../template/values.ts';
import type { UsageProfile } from '../usage.ts';
import { apiGatewayVersusAlb } from './api-vs-alb.ts';
import { dashboardsVersusGrafana, parameterStoreVersusSecretsManager, rdsVersusAurora } from './data.ts';
import { type MigrationTask, migrationsRunner, publicIpVersusNat } from './egress.ts';
import type { TradeOff } from './types.ts';

export type { Option, TradeOff } from './types.ts';

/** The seed design's trade-offs, priced with the facts of the templates (or the seed's defaults where absent). */
export function compareTradeOffs(
  resources: readonly TemplateResource[],
  usage: UsageProfile,
  prices: PriceTable,
): TradeOff[] {
  const ctx = pricingContext({ resources, usage, prices });
  const services = ctx.byType('AWS::ECS::Service').map((s) => serviceFacts(s, ctx));
  const tasks =
    services.reduce((sum, f) => sum + averageTasks(f, usage.avgTaskCount), 0) || usage.avgTaskCount;
  const secrets =
    ctx.byType('AWS::SecretsManager::Secret').length +
    ctx
      .byType('AWS::RDS::DBInstance')
      .filter((d) => literalBoolean(d.properties.ManageMasterUserPassword) === true).length;
  return [
    apiGatewayVersusAlb(prices, usage),
    publicIpVersusNat(prices, usage, tasks),
    rdsVersusAurora(prices, usage, databaseFacts(ctx.byType('AWS::RDS::DBInstance')[0])),
    parameterStoreVersusSecretsManager(prices, usage, Math.max(1, secrets)),
    dashboardsVersusGrafana(prices, usage, Math.max(1, ctx.byType('AWS::CloudWatch::Dashboard').length)),
    migrationsRunner(prices, usage, migrationTask(services[0]?.taskDefinition)),
  ];
}

/** The template's database, or the seed's cheapest sane one. */
function databaseFacts(db: TemplateResource | undefined): RdsInstance {
  const p = db?.properties ?? {};
  return {
    instanceClass: literalString(p.DBInstanceClass) ?? 'db.t4g.micro',
    multiAz: literalBoolean(p.MultiAZ) ?? false,
    storageGb: literalNumber(p.AllocatedStorage) ?? 20,
    storageType: literalString(p.StorageType) ?? 'gp2',
  };
}

/** A migration task the size of the API task (same image), else the smallest Fargate size. */
function migrationTask(taskDefinition: TemplateResource | undefined): MigrationTask {
  const p = taskDefinition?.properties ?? {};
  const runtime = (p.RuntimePlatform ?? {}) as Record<string, unknown>;
  return {
    vcpu: (literalNumber(p.Cpu) ?? 256) / 1024,
    memoryGb: (literalNumber(p.Memory) ?? 512) / 1024,
    architecture: runtime.CpuArchitecture === 'ARM64' ? 'arm' : 'x86',
  };
}
