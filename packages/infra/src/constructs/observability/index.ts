export { type ObservedService, ServiceAlarms, type ServiceAlarmsProps } from './alarms.ts';
export * from './assets.ts';
export { ServiceDashboard, type ServiceDashboardProps } from './cloudwatch-dashboard.ts';
export { GrafanaWorkspace, type GrafanaWorkspaceProps } from './grafana-workspace.ts';
export { Observability, type ObservabilityProps } from './observability.ts';
export {
  COLLECTOR_CONTAINER_NAME,
  PrometheusBackend,
  type PrometheusBackendProps,
} from './prometheus-backend.ts';
