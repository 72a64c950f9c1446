import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTAINER_PORT } from '../../src/config/index.ts';
import type { MetricsBackend } from '../../src/config/types.ts';
import { readObservabilityCollectorConfig } from '../../src/constructs/observability/index.ts';
import { synthObservability } from './fixture.ts';

interface CollectorConfig {
  extensions: Record<string, unknown>;
  receivers: Record<string, { config?: { scrape_configs: ScrapeConfig[] } }>;
  processors: Record<string, unknown>;
  exporters: Record<string, Record<string, unknown>>;
  service: {
    extensions: string[];
    pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }>;
  };
}
interface ScrapeConfig {
  job_name: string;
  metrics_path: string;
  static_configs: { targets: string[]; labels: Record<string, string> }[];
}

/** `${env:NAME}`, the collector's environment reference. */
const envRef = (name: string) => `\${env:${name}}`;
const BACKENDS: readonly MetricsBackend[] = ['cloudwatch', 'prometheus'];
const read = (metrics: MetricsBackend): CollectorConfig => parse(readObservabilityCollectorConfig(metrics));

describe.each(BACKENDS)('ADOT collector config for metrics "%s"', (metrics) => {
  const config = read(metrics);

  it('defines every receiver, processor, exporter and extension its pipelines use', () => {
    // GIVEN the file WHEN its pipelines are read THEN each name they list is defined in its section
    for (const extension of config.service.extensions) expect(config.extensions).toHaveProperty([extension]);
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      for (const receiver of pipeline.receivers)
        expect(config.receivers, `${name} receiver`).toHaveProperty([receiver]);
      for (const processor of pipeline.processors)
        expect(config.processors, `${name} processor`).toHaveProperty([processor]);
      for (const exporter of pipeline.exporters)
        expect(config.exporters, `${name} exporter`).toHaveProperty([exporter]);
    }
  });

  it('sends the OTLP traces of the API to X-Ray', () => {
    expect(config.service.pipelines.traces).toMatchObject({ receivers: ['otlp'], exporters: ['awsxray'] });
  });

  it('scrapes the API container /metrics on its port, as job "api", labelled with the service name', () => {
    const [scrape] = config.receivers.prometheus?.config?.scrape_configs ?? [];
    expect(scrape).toMatchObject({ job_name: 'api', metrics_path: '/metrics' });
    expect(scrape?.static_configs[0]).toEqual({
      targets: [`localhost:${CONTAINER_PORT}`],
      labels: { service: envRef('OTEL_SERVICE_NAME') },
    });
    expect(config.service.pipelines.metrics?.receivers).toEqual(['prometheus']);
  });

  it('reads only environment variables the synthesized collector container sets', () => {
    // GIVEN the variables the file references
    const referenced = [...readObservabilityCollectorConfig(metrics).matchAll(/\$\{env:(\w+)\}/g)].map(
      (m) => m[1],
    );
    // WHEN the stage with this backend synthesizes
    const template = Template.fromStack(synthObservability({ metrics }).stack);
    const task = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0]!;
    const collector = (
      task.Properties.ContainerDefinitions as { Name: string; Environment: { Name: string }[] }[]
    ).find((container) => container.Name === 'otel-collector');
    // THEN each one is set on the sidecar
    const set = collector?.Environment.map((variable) => variable.Name) ?? [];
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(set, `${name} on the otel-collector container`).toContain(name);
  });
});

describe('metrics backends', () => {
  it('cloudwatch: EMF with an allow-list of metric names, each with the service dimension only (cost)', () => {
    const emf = read('cloudwatch').exporters.awsemf as {
      metric_declarations: { dimensions: string[][]; metric_name_selectors: string[] }[];
    };
    expect(read('cloudwatch').service.pipelines.metrics?.exporters).toEqual(['awsemf']);
    expect(emf.metric_declarations).toEqual([expect.objectContaining({ dimensions: [['service']] })]);
    expect(emf.metric_declarations[0]?.metric_name_selectors).toContain('^http_request_duration_seconds$');
  });

  it('prometheus: remote write signed with SigV4 for AMP, series labelled by ECS task', () => {
    const config = read('prometheus');
    expect(config.service.pipelines.metrics?.exporters).toEqual(['prometheusremotewrite']);
    expect(config.exporters.prometheusremotewrite).toMatchObject({
      endpoint: envRef('AMP_REMOTE_WRITE_URL'),
      auth: { authenticator: 'sigv4auth' },
    });
    expect(config.extensions.sigv4auth).toEqual({ region: envRef('AWS_REGION'), service: 'aps' });
    expect(JSON.stringify(config.processors['resource/task-instance'])).toContain('aws.ecs.task.arn');
  });
});
