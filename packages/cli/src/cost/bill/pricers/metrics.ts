import { num } from '../../models/charge.ts';
import { alarmsMonthly, customMetricsMonthly } from '../../models/observability.ts';
import type { TemplateResource } from '../../template/read.ts';
import { asArray, asRecord, literalNumber, literalString, resourceKey } from '../../template/values.ts';
import { type BillLine, line, type PricingContext } from '../types.ts';

/**
 * Alarms bill per alarm metric: a metric math alarm counts each metric it reads. Each target tracking policy makes
 * two alarms (scale out, scale in) outside the template; they are ordinary alarms on the bill. The always-free 10
 * alarm metrics cover the first ones.
 */
export function priceAlarms(ctx: PricingContext): BillLine[] {
  const alarms = ctx.byType('AWS::CloudWatch::Alarm');
  const tracking = ctx
    .byType('AWS::ApplicationAutoScaling::ScalingPolicy')
    .filter((p) => literalString(p.properties.PolicyType) === 'TargetTrackingScaling');
  if (alarms.length + tracking.length === 0) return [];
  const metricsOf = (alarm: TemplateResource) =>
    Math.max(1, asArray(alarm.properties.Metrics).filter((m) => asRecord(m).MetricStat).length);
  const highRes = alarms.filter(isHighResolution).reduce((sum, a) => sum + metricsOf(a), 0);
  const metrics = alarms.reduce((sum, a) => sum + metricsOf(a), 0) + 2 * tracking.length;
  const made = tracking.length > 0 ? `, ${2 * tracking.length} made by target tracking` : '';
  const item = `CloudWatch alarms x${alarms.length + 2 * tracking.length} (${metrics} alarm metrics${made})`;
  const charge = alarmsMonthly(ctx.prices, metrics - highRes, highRes);
  return [line('observability', item, 'fixed', charge, [...alarms, ...tracking].map(resourceKey))];
}

function isHighResolution(alarm: TemplateResource): boolean {
  const periods = [
    alarm.properties.Period,
    ...asArray(alarm.properties.Metrics).map((m) => asRecord(asRecord(m).MetricStat).Period),
  ];
  return periods.some((p) => (literalNumber(p) ?? 60) < 60);
}

/**
 * Custom metrics: those alarms watch outside the `AWS/` namespaces, those metric filters publish, and those the
 * ADOT collector's awsemf exporter creates from the app's Prometheus series.
 */
export function priceCustomMetrics(ctx: PricingContext): BillLine[] {
  const names = new Set<string>();
  const sources: TemplateResource[] = [];
  for (const alarm of ctx.byType('AWS::CloudWatch::Alarm')) {
    const stats = [
      alarm.properties,
      ...asArray(alarm.properties.Metrics).map((m) => asRecord(asRecord(asRecord(m).MetricStat).Metric)),
    ];
    for (const stat of stats) {
      const namespace = literalString(stat.Namespace);
      const name = literalString(stat.MetricName);
      if (namespace && name && !namespace.startsWith('AWS/'))
        names.add(`${namespace}/${name}`) && sources.push(alarm);
    }
  }
  for (const filter of ctx.byType('AWS::Logs::MetricFilter')) {
    for (const t of asArray(filter.properties.MetricTransformations).map(asRecord)) {
      names.add(
        `${literalString(t.MetricNamespace) ?? '*'}/${literalString(t.MetricName) ?? filter.logicalId}`,
      );
      sources.push(filter);
    }
  }
  const emf = emfMetrics(ctx);
  for (const name of emf.names) names.add(name);
  if (names.size === 0) return [];
  const charge = customMetricsMonthly(ctx.prices, names.size);
  const how =
    emf.undeclared > 0
      ? `${charge.how}; awsemf without metric_declarations exports every series (usage.prometheusActiveSeries = ${num(ctx.usage.prometheusActiveSeries)})`
      : charge.how;
  return [
    line(
      'observability',
      `CloudWatch custom metrics x${names.size}`,
      'fixed',
      { usd: charge.usd, how },
      [...sources, ...emf.taskDefinitions].map(resourceKey),
    ),
  ];
}

/** Metrics the ADOT collector config (in a container's AOT_CONFIG_CONTENT) sends to CloudWatch through awsemf. */
function emfMetrics(ctx: PricingContext): {
  names: string[];
  taskDefinitions: TemplateResource[];
  undeclared: number;
} {
  const names: string[] = [];
  const taskDefinitions: TemplateResource[] = [];
  let undeclared = 0;
  for (const td of ctx.byType('AWS::ECS::TaskDefinition')) {
    for (const container of asArray(td.properties.ContainerDefinitions).map(asRecord)) {
      const config = asArray(container.Environment)
        .map(asRecord)
        .find((e) => e.Name === 'AOT_CONFIG_CONTENT')?.Value;
      if (
        typeof config !== 'string' ||
        !/^\s*awsemf:/m.test(config) ||
        !/exporters:\s*\[[^\]]*awsemf/.test(config)
      )
        continue;
      taskDefinitions.push(td);
      const declared = declaredEmfMetrics(config);
      if (declared.length === 0) {
        undeclared += 1;
        for (let i = 0; i < ctx.usage.prometheusActiveSeries; i++) names.push(`${td.logicalId}/series-${i}`);
      }
      // Each service sends its own `service` dimension value: one metric per task definition.
      for (const name of declared) names.push(`${name}@${td.logicalId}`);
    }
  }
  return { names, taskDefinitions, undeclared };
}

/** `metric_declarations`: each selector times each dimension set of its declaration. */
export function declaredEmfMetrics(config: string): string[] {
  const namespace = /^\s*namespace:\s*(\S+)/m.exec(config)?.[1] ?? 'emf';
  const section = config.split(/^\s*metric_declarations:\s*$/m)[1];
  if (!section) return [];
  const metrics: string[] = [];
  for (const declaration of section.split(/^\s*-\s*dimensions:/m).slice(1)) {
    const dimensionSets = Math.max(
      1,
      (/^\s*(\[.*\])/.exec(declaration)?.[1]?.match(/\[[^[\]]*\]/g) ?? []).length,
    );
    const selectors = [...declaration.matchAll(/^\s*-\s*['"]?\^?([A-Za-z_:][\w:]*)\$?['"]?\s*$/gm)].map(
      (m) => m[1]!,
    );
    for (const selector of selectors) {
      for (let set = 0; set < dimensionSets; set++) metrics.push(`${namespace}/${selector}#${set}`);
    }
  }
  return metrics;
}
