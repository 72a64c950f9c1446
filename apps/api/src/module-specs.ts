import type { ModuleSpec } from './platform/config.ts';

/**
 * The modules and what each one calls, known before any module code loads (the server reads the configuration,
 * then starts tracing, then imports the app, so the instrumentations can patch fastify and pg first).
 */
export const MODULE_SPECS: readonly ModuleSpec[] = [
  { name: 'catalog', dependsOn: [] },
  { name: 'customers', dependsOn: [] },
  { name: 'orders', dependsOn: ['catalog', 'customers'] },
];
