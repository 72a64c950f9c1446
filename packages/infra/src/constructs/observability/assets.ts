/**
 * The observability assets that need no CDK: Grafana dashboards, the PromQL alert rules and the collector configs.
 * Exported as `@shoestring/infra/observability` for the CLI (`shoestring dashboards push`, `shoestring dev --observe`).
 */
export { alertPromql, type PromAlertRule, prometheusAlertRules, prometheusRuleFile } from './alert-rules.ts';
export {
  emfMetricSelectors,
  observabilityCollectorConfigPath,
  readObservabilityCollectorConfig,
} from './collector-config.ts';
export {
  type DashboardFile,
  dashboardPromql,
  GRAFANA_DASHBOARD_DIR,
  type GrafanaDashboard,
  loadGrafanaDashboards,
  type PromqlUse,
} from './grafana-dashboards.ts';
