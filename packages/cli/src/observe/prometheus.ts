import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort, stopProcess } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';

/** A process to scrape: its /metrics origin and the `service` label the collector sidecar gives it in the cloud. */
export interface ScrapeTarget {
  readonly service: string;
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
}

export interface LocalPrometheusOptions {
  /** Holds prometheus.yml, the rule file, the TSDB and prometheus.log. */
  readonly dir: string;
  readonly targets: readonly ScrapeTarget[];
  /** A Prometheus rule file (YAML), loaded as the cloud's AMP loads it. */
  readonly rules: string;
  /** @default '2s' - fast, so a few seconds of traffic already chart */
  readonly scrapeInterval?: string;
  /** @default 'prometheus' on the PATH */
  readonly binary?: string;
}

export interface LocalPrometheus {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
export const INSTALL_HINT =
  'apt-get install -y prometheus (Debian/Ubuntu) or put a prometheus binary on the PATH';

/**
 * Runs a real Prometheus of our own (Debian's `prometheus` package installs the binary and may start a system
 * service; this never touches that one): own config, own data dir, a free loopback port, job `api` as in the cloud.
 */
export async function startLocalPrometheus(options: LocalPrometheusOptions): Promise<LocalPrometheus> {
  const binary = options.binary ?? 'prometheus';
  requirePrometheus(binary);
  await mkdir(join(options.dir, 'data'), { recursive: true });
  await writeFile(join(options.dir, 'rules.yml'), options.rules);
  await writeFile(join(options.dir, 'prometheus.yml'), prometheusConfig(options));
  const port = await findFreePort();
  const logFile = join(options.dir, 'prometheus.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    binary,
    [
      `--config.file=${join(options.dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(options.dir, 'data')}`,
      '--storage.tsdb.retention.time=2d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilScraping(url, child, options.targets.length, logFile);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, child, stop: () => stopProcess(child) };
}

/** The Prometheus config (JSON, which is YAML too): scrape every target as job `api`, evaluate `rules.yml`. */
export function prometheusConfig(
  options: Pick<LocalPrometheusOptions, 'targets' | 'scrapeInterval'>,
): string {
  const interval = options.scrapeInterval ?? '2s';
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: ['rules.yml'],
    scrape_configs: [
      {
        job_name: 'api',
        metrics_path: '/metrics',
        static_configs: options.targets.map((target) => ({
          targets: [new URL(target.origin).host],
          labels: { service: target.service },
        })),
      },
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function requirePrometheus(binary: string): void {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new CliError(
      `Prometheus is not installed ("${binary} --version" failed). Install it: ${INSTALL_HINT}.`,
    );
  }
}

/** Until Prometheus answers `/-/ready` and has picked up every scrape target, failing fast if it exits. */
async function waitUntilScraping(url: string, child: ChildProcess, targets: number, logFile: string) {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const ready = () =>
    fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then((response) => response.ok);
  // Prometheus hands discovered targets to its scrape loop at most every 5 s, so right after start it scrapes
  // nothing; waiting for them means that once `shoestring dev` says ready, the API is being scraped.
  const scraping = () =>
    fetch(`${url}/api/v1/targets?state=active`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.json() as Promise<{ data?: { activeTargets?: unknown[] } }>)
      .then((body) => (body.data?.activeTargets?.length ?? 0) >= targets);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const [check, what] of [
    [ready, 'become ready'],
    [scraping, `pick up its ${targets} scrape targets`],
  ] as const) {
    while (!(await check().catch(() => false))) {
      if (exited()) {
        throw new CliError(
          `Prometheus exited during start (code ${child.exitCode ?? child.signalCode}); see ${logFile}.`,
        );
      }
      if (Date.now() > deadline) {
        throw new CliError(
          `Prometheus did not ${what} at ${url} within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
