import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Grafana dashboards live: one JSON file per dashboard, the source of truth for every copy. */
export const GRAFANA_DASHBOARD_DIR = fileURLToPath(
  new URL('../../../observability/dashboards', import.meta.url),
);

/** A target of a Grafana panel: PromQL (`expr`) or a CloudWatch metric query (`namespace`, `metricName`). */
interface PanelTarget {
  readonly refId?: string;
  readonly expr?: string;
  readonly namespace?: string;
  readonly metricName?: string;
}

/** The subset of Grafana's dashboard JSON model this project reads. */
export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: ReadonlyArray<{ readonly title: string; readonly targets?: readonly PanelTarget[] }>;
  readonly [key: string]: unknown;
}

export interface DashboardFile {
  /** File name, e.g. `service-overview.json`. */
  readonly file: string;
  readonly dashboard: GrafanaDashboard;
}

/** One PromQL expression and where it is used, so a failing query names its panel. */
export interface PromqlUse {
  readonly source: string;
  readonly expr: string;
}

/** Reads every `*.json` dashboard in `dir`, failing with the file name when one is not a dashboard. */
export function loadGrafanaDashboards(dir: string = GRAFANA_DASHBOARD_DIR): DashboardFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const path = join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `Grafana dashboard ${path} is not valid JSON (${(error as Error).message}); fix the file.`,
      );
    }
    if (!isDashboard(parsed)) {
      throw new Error(
        `Grafana dashboard ${path} needs a string "uid", a string "title" and a "panels" array.`,
      );
    }
    return { file, dashboard: parsed };
  });
}

/** Every PromQL expression of the dashboards' panels, labelled `dashboard title / panel title`. */
export function dashboardPromql(files: readonly DashboardFile[]): PromqlUse[] {
  return files.flatMap(({ dashboard }) =>
    dashboard.panels.flatMap((panel) =>
      (panel.targets ?? [])
        .filter((target) => typeof target.expr === 'string')
        .map((target) => ({ source: `${dashboard.title} / ${panel.title}`, expr: target.expr as string })),
    ),
  );
}

function isDashboard(value: unknown): value is GrafanaDashboard {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.uid === 'string' && typeof record.title === 'string' && Array.isArray(record.panels);
}
