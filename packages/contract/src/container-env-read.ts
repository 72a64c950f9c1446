import { Value } from 'typebox/value';
import {
  CONTAINER_ENV,
  type ContainerEnv,
  type ContainerEnvName,
  DB_DISCRETE_REQUIRED,
  moduleUrlVariable,
  variableSchema,
} from './container-env.ts';
import { MODULE_SPECS, type ModuleSpec } from './modules.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface ReadOptions {
  /** Read only these variables (the rest keep their defaults). @default every variable of the contract */
  readonly only?: readonly ContainerEnvName[];
  /**
   * Names whose value is set but cannot be seen here (a secret, a CDK token): they count as present and their
   * value is not checked. @default none
   */
  readonly opaque?: readonly string[];
}

export interface ReadResult {
  readonly values: ContainerEnv;
  /** One line per problem, naming the variable, what it must be and what it got. */
  readonly problems: string[];
}

/**
 * Decodes and checks the variables against the contract: an empty value counts as unset, integers must be plain
 * digits, then the schema's types, ranges, allowed values and defaults apply, and DB_SSL=verify-full needs its CA.
 */
export function readContainerEnv(env: Env, options: ReadOptions = {}): ReadResult {
  const names = options.only ?? (Object.keys(CONTAINER_ENV.properties) as ContainerEnvName[]);
  const opaque = new Set(options.opaque ?? []);
  const given: Record<string, unknown> = {};
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw === '' || opaque.has(name)) continue;
    given[name] = variableSchema(name)?.type === 'integer' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  }
  const values = Value.Default(CONTAINER_ENV, given) as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of new Set(Value.Errors(CONTAINER_ENV, values).map(variableOf))) {
    if (name in given) problems.push(`${name} must be ${expectation(name)} (got "${env[name]}")`);
  }
  for (const name of names) {
    if (typeof values[name] === 'string' && variableSchema(name)?.protocols)
      values[name] = (values[name] as string).replace(/\/+$/, '');
  }
  const rootCertSet = Boolean(env.DB_SSL_ROOT_CERT) || opaque.has('DB_SSL_ROOT_CERT');
  if (names.includes('DB_SSL') && values.DB_SSL === 'verify-full' && !rootCertSet) {
    problems.push(
      'DB_SSL=verify-full needs DB_SSL_ROOT_CERT: the PEM file of the CAs that sign the database certificate',
    );
  }
  return { values: values as ContainerEnv, problems };
}

/**
 * For whoever writes the environment (the compute construct, at synth): every problem of the environment a task
 * would start with, including names the contract does not know (a misspelling), a missing database and a
 * module that cannot reach what it calls. `opaque` names are set by other means (secrets) or not known yet (tokens).
 */
export function containerEnvironmentProblems(env: Env, opaque: readonly string[] = []): string[] {
  const unknown = Object.keys(env).filter((name) => !variableSchema(name));
  const { values, problems } = readContainerEnv(env, { opaque });
  const missing = missingDatabaseVariables(env, opaque);
  return [
    ...unknown.map((name) => `${name} is not a variable of the container contract (packages/contract)`),
    ...problems,
    ...(missing.length > 0 ? [missingDatabaseProblem(missing)] : []),
    ...readTopology(values).problems,
  ];
}

/** The one-line explanation of a missing database setting, for the API and the construct alike. */
export function missingDatabaseProblem(missing: readonly string[]): string {
  return `set DATABASE_URL (postgres://user:password@host:port/db) or all of ${DB_DISCRETE_REQUIRED.join(', ')} (missing: ${missing.join(', ')})`;
}

/** The discrete DB_* settings missing when DATABASE_URL is unset, or none. */
export function missingDatabaseVariables(env: Env, opaque: readonly string[] = []): string[] {
  if (env.DATABASE_URL || opaque.includes('DATABASE_URL')) return [];
  return DB_DISCRETE_REQUIRED.filter((name) => !env[name] && !opaque.includes(name));
}

export interface Topology {
  /** Modules this process runs, in the specs' order. */
  readonly modules: string[];
  /** Base URLs of the modules another process runs, keyed by module name. */
  readonly remoteModules: Record<string, string>;
  readonly problems: string[];
}

/**
 * Which modules run here (MODULES) and where the others are (`<MODULE>_URL`): a module runs in one place, and
 * everything a local module calls is local or has a URL.
 */
export function readTopology(values: ContainerEnv, specs: readonly ModuleSpec[] = MODULE_SPECS): Topology {
  const problems: string[] = [];
  const known = specs.map((spec) => spec.name);
  // Unset, empty or `*` means every module (the infra config's `['*']`).
  const requested = (values.MODULES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && name !== '*');
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    problems.push(`MODULES lists unknown modules: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const modules = requested.length > 0 ? known.filter((name) => requested.includes(name)) : known;

  const remoteModules: Record<string, string> = {};
  for (const name of known) {
    const variable = moduleUrlVariable(name);
    const url = (values as Record<string, unknown>)[variable];
    if (typeof url !== 'string') continue;
    if (modules.includes(name))
      problems.push(`${variable} is set but ${name} runs in this process (MODULES); remove one of them`);
    else remoteModules[name] = url;
  }
  for (const spec of specs.filter((s) => modules.includes(s.name))) {
    for (const dependency of spec.dependsOn) {
      if (!modules.includes(dependency) && !remoteModules[dependency]) {
        problems.push(
          `${spec.name} needs ${dependency}: add it to MODULES or set ${moduleUrlVariable(dependency)}`,
        );
      }
    }
  }
  return { modules, remoteModules, problems };
}

function variableOf(error: { instancePath: string; params?: unknown }): string {
  const [, name] = error.instancePath.split('/');
  return name ?? '';
}

function expectation(name: string): string {
  const schema = variableSchema(name);
  if (schema?.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`;
  if (Array.isArray(schema?.enum)) return `one of ${schema.enum.join(', ')}`;
  if (Array.isArray(schema?.protocols)) return `a ${schema.protocols.join(' or ')} URL`;
  return 'text';
}
