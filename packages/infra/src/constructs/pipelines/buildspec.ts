import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { parse } from 'yaml';

/** The YAML buildspecs, versioned with the code they build: `packages/infra/buildspecs/`. */
export const BUILDSPEC_DIR = fileURLToPath(new URL('../../../buildspecs/', import.meta.url));

export type BuildspecName = 'site' | 'image' | 'migrate' | 'migrate-prebuilt' | 'migrate-task';

/** Stage-specific entries the stack adds to the buildspec's `env` section. */
export interface BuildspecEnv {
  /** Plain values (never secrets): `env.variables`. */
  readonly variables?: Record<string, string>;
  /** Variable name to SSM parameter name: `env.parameter-store`, resolved by CodeBuild when the build starts. */
  readonly parameterStore?: Record<string, string>;
  /** Variable name to `secret-arn:json-key`: `env.secrets-manager`. */
  readonly secretsManager?: Record<string, string>;
}

/** Parses a buildspec file of the repository. */
export function readBuildspec(name: BuildspecName): Record<string, unknown> {
  return parse(readFileSync(`${BUILDSPEC_DIR}${name}.yml`, 'utf8')) as Record<string, unknown>;
}

/**
 * The repository's buildspec with the stage's names added to `env`, so one file serves every stage and the
 * password is referenced by parameter or secret name only, never by value.
 */
export function buildspecFor(name: BuildspecName, env: BuildspecEnv = {}): codebuild.BuildSpec {
  const spec = readBuildspec(name);
  const current = (spec.env ?? {}) as Record<string, Record<string, string> | string>;
  const merged: Record<string, unknown> = { ...current };
  const sections: [string, Record<string, string> | undefined][] = [
    ['variables', env.variables],
    ['parameter-store', env.parameterStore],
    ['secrets-manager', env.secretsManager],
  ];
  for (const [section, values] of sections) {
    if (!values || Object.keys(values).length === 0) continue;
    merged[section] = { ...((current[section] as Record<string, string> | undefined) ?? {}), ...values };
  }
  return codebuild.BuildSpec.fromObjectToYaml({ ...spec, env: merged });
}
