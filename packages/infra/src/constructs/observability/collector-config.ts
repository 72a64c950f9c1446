import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { MetricsBackend } from '../../config/types.ts';

/** Path of the ADOT collector config for a metrics backend (`packages/infra/observability/collector-<metrics>.yaml`). */
export function observabilityCollectorConfigPath(metrics: MetricsBackend): string {
  return fileURLToPath(new URL(`../../../observability/collector-${metrics}.yaml`, import.meta.url));
}

/** The collector YAML for a metrics backend, with an error naming the file and the fix when it is missing. */
export function readObservabilityCollectorConfig(metrics: MetricsBackend): string {
  const path = observabilityCollectorConfigPath(metrics);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `Observability: no ADOT collector config for observability.metrics "${metrics}" at ${path}; restore the file or use "cloudwatch".`,
    );
  }
}

/**
 * The metric-name patterns the `cloudwatch` collector turns into CloudWatch metrics (awsemf `metric_declarations`),
 * so a test can check each one still matches a metric the API exports.
 */
export function emfMetricSelectors(): RegExp[] {
  const config = parse(readObservabilityCollectorConfig('cloudwatch')) as {
    exporters: { awsemf: { metric_declarations: { metric_name_selectors: string[] }[] } };
  };
  return config.exporters.awsemf.metric_declarations.flatMap((declaration) =>
    declaration.metric_name_selectors.map((selector) => new RegExp(selector)),
  );
}
