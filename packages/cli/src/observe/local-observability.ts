import { join } from 'node:path';
import { loadConfig, type StageConfig } from '@shoestring/infra/config';
import { prometheusAlertRules, prometheusRuleFile } from '@shoestring/infra/observability';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver.ts';
import { type LocalPrometheus, type ScrapeTarget, startLocalPrometheus } from './prometheus.ts';

export interface LocalObservabilityOptions {
  /** Prometheus' config, data and log go to `<dataDir>/observe`. */
  readonly dataDir: string;
  readonly progress: (line: string) => void;
  /** Stage whose alarm thresholds the local alert rules use. @default 'dev' */
  readonly stage?: string;
  /** That stage, already loaded and validated (`--stage`). @default loadConfig(stage) of shoestring.config.ts */
  readonly config?: StageConfig;
  /** @default '2s' */
  readonly scrapeInterval?: string;
}

export interface LocalObservability {
  /** Environment for each API process: where to send its spans. */
  readonly apiEnv: Record<string, string>;
  readonly receiver: OtlpReceiver;
  /** Set once `scrape` has started Prometheus. */
  prometheus?: LocalPrometheus;
  /** Starts Prometheus scraping the API processes (their ports are known only once they run). */
  scrape(targets: readonly ScrapeTarget[]): Promise<LocalPrometheus>;
  /** Where to look, one line each, for the person at the terminal. */
  describe(): string[];
  stop(): Promise<void>;
}

/**
 * `shoestring dev --observe`: the cloud's telemetry path on this machine. An OTLP/HTTP receiver stands in for the
 * ADOT sidecar's (traces kept in memory, served as JSON), and a real Prometheus scrapes the API as the sidecar does,
 * evaluating the same PromQL alert rules AMP gets, with the stage's thresholds.
 */
export async function startLocalObservability(
  options: LocalObservabilityOptions,
): Promise<LocalObservability> {
  const receiver = await startOtlpReceiver();
  options.progress(`trace receiver (OTLP/HTTP) on ${receiver.url}`);
  const observability: LocalObservability = {
    apiEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
    receiver,
    async scrape(targets) {
      const config = options.config ?? (await loadConfig(options.stage ?? 'dev'));
      options.progress(
        `starting Prometheus, scraping ${targets.map((t) => `${t.service} ${t.origin}`).join(', ')}`,
      );
      observability.prometheus = await startLocalPrometheus({
        dir: join(options.dataDir, 'observe', 'prometheus'),
        targets,
        rules: prometheusRuleFile(prometheusAlertRules(config.observability.alarms)),
        scrapeInterval: options.scrapeInterval,
      });
      return observability.prometheus;
    },
    describe() {
      const lines = [`traces: ${receiver.url}/traces (one trace: ${receiver.url}/traces/<traceId>)`];
      const prometheus = observability.prometheus;
      if (prometheus) {
        lines.push(`metrics: ${prometheus.url}/graph (alerts: ${prometheus.url}/alerts)`);
        lines.push(
          `dashboards' PromQL: packages/infra/observability/dashboards/*.json; paste a query into ${prometheus.url}/graph`,
        );
      }
      return lines;
    },
    async stop() {
      await observability.prometheus?.stop();
      await receiver.stop();
    },
  };
  return observability;
}
