/** A module of the API and the modules it calls (through their facades, in-process or over HTTP). */
export interface ModuleSpec {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/**
 * The API's modules, known before any module code loads: the API's configuration checks MODULES against them,
 * the infra config checks `services.*.modules`, and the local system splits a stage's services by them.
 */
export const MODULE_SPECS: readonly ModuleSpec[] = [
  { name: 'catalog', dependsOn: [] },
  { name: 'customers', dependsOn: [] },
  { name: 'orders', dependsOn: ['catalog', 'customers'] },
];

export const MODULE_NAMES: readonly string[] = MODULE_SPECS.map((spec) => spec.name);
