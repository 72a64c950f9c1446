import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  alertPromql,
  dashboardPromql,
  loadGrafanaDashboards,
  prometheusAlertRules,
  prometheusRuleFile,
} from '../../src/constructs/observability/index.ts';

const files = loadGrafanaDashboards();
const byFile = Object.fromEntries(files.map(({ file, dashboard }) => [file, dashboard]));
const panelTitles = (file: string) => byFile[file]?.panels.map((panel) => panel.title) ?? [];

describe('Grafana dashboards in packages/infra/observability/dashboards', () => {
  it('are the three of the issue, each with a stable uid (push overwrites by uid)', () => {
    expect(files.map(({ file, dashboard }) => [file, dashboard.uid])).toEqual([
      ['database.json', 'shoestring-database'],
      ['deploys-and-migrations.json', 'shoestring-deploys'],
      ['service-overview.json', 'shoestring-service'],
    ]);
  });

  it('service overview: requests, errors, p50/p99 by route, tasks, CPU and memory', () => {
    expect(panelTitles('service-overview.json')).toEqual([
      'Requests per second by route',
      'Responses by status code',
      '5xx error ratio',
      'Latency p50 and p99 by route',
      'Running tasks',
      'CPU per task',
      'Memory per task',
    ]);
  });

  it('database: pool connections and wait, query latency, and RDS CPU, storage and connections from CloudWatch', () => {
    const database = byFile['database.json']!;
    expect(panelTitles('database.json')).toEqual(
      expect.arrayContaining([
        'Pool connections',
        'Pool wait',
        'Query latency p50 and p99',
        'RDS CPU',
        'RDS free storage',
      ]),
    );
    const rds = database.panels
      .flatMap((panel) => panel.targets ?? [])
      .filter((target) => target.namespace === 'AWS/RDS');
    expect(rds.map((target) => target.metricName).sort()).toEqual([
      'CPUUtilization',
      'DatabaseConnections',
      'FreeStorageSpace',
    ]);
  });

  it('deploys and migrations: restarts, versions, errors during deploys and the migration builds', () => {
    expect(panelTitles('deploys-and-migrations.json')).toEqual(
      expect.arrayContaining(['Task restarts', 'Node.js versions running', 'Migration builds']),
    );
  });

  it('take their data sources from dashboard variables, so one JSON works in any Grafana', () => {
    for (const { dashboard } of files) {
      const sources = new Set(
        dashboard.panels.map((panel) => JSON.stringify((panel as { datasource?: unknown }).datasource)),
      );
      for (const source of sources) expect(source).toMatch(/"uid":"\$\{(prometheus|cloudwatch)\}"/);
    }
  });

  it('lists every PromQL target, named by dashboard and panel', () => {
    const promql = dashboardPromql(files);
    expect(promql.length).toBeGreaterThanOrEqual(15);
    expect(promql).toContainEqual({
      source: 'Shoestring / Service overview / Running tasks',
      expr: 'sum by (service) (up{job="api"})',
    });
  });

  it('rejects a dashboard file without a uid, naming the file', () => {
    const dir = mkdtempSync('/tmp/shoestring-dashboards-');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ title: 'x', panels: [] }));
    expect(() => loadGrafanaDashboards(dir)).toThrow(/broken\.json needs a string "uid"/);
  });
});

describe('PromQL alert rules', () => {
  const thresholds = {
    http5xxPercent: 2,
    p99LatencyMs: 900,
    taskCpuPercent: 85,
    taskMemoryPercent: 85,
    rdsCpuPercent: 80,
    rdsFreeStorageGb: 2,
    rdsConnections: 60,
  };

  it('compare each measure with its configured threshold in a Prometheus rule file', () => {
    const file = parse(prometheusRuleFile(prometheusAlertRules(thresholds)));
    const rules = file.groups[0].rules as { alert: string; expr: string }[];
    expect(rules.map((rule) => rule.alert)).toEqual([
      'ShoestringHigh5xxRate',
      'ShoestringHighP99Latency',
      'ShoestringNoHealthyTasks',
      'ShoestringPoolSaturated',
    ]);
    expect(rules[0]?.expr).toMatch(/\) > 2$/);
    expect(rules[1]?.expr).toMatch(/\) > 900$/);
    expect(rules[2]?.expr).toBe('(sum(up{job="api"}) or vector(0)) < 1');
  });

  it('expose their measures for the same end-to-end checks as the dashboards', () => {
    expect(alertPromql(prometheusAlertRules(thresholds)).map((use) => use.source)).toEqual([
      'alert ShoestringHigh5xxRate',
      'alert ShoestringHighP99Latency',
      'alert ShoestringNoHealthyTasks',
      'alert ShoestringPoolSaturated',
    ]);
  });
});
