import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ConfigProblem } from './config-error.ts';
import type { FieldOptions } from './schema/fields.ts';

/** Names a field from its path inside the checked value (e.g. `['network', 'cidr']` -> `stages.dev.network.cidr`). */
export type FieldNamer = (path: readonly string[]) => string;

type Schema = TSchema & FieldOptions & Record<string, unknown>;

/**
 * Checks `value` against `schema` and turns each TypeBox error into the user's terms: the field, what it got and
 * what to write instead, read from the field's own schema (`fix`, enum, range and `hint`). One problem per field.
 */
export function schemaProblems(schema: TSchema, value: unknown, fieldOf: FieldNamer): ConfigProblem[] {
  const problems = new Map<string, string>();
  const add = (field: string, fix: string) => {
    if (!problems.has(field)) problems.set(field, fix);
  };
  for (const error of Value.Errors(schema, value)) {
    const path = segments(error.instancePath);
    const at = schemaAt(schema, error.schemaPath);
    if (error.keyword === 'boolean') continue; // echoes an additionalProperties error, reported below
    if (error.keyword === 'additionalProperties') {
      const known = Object.keys((at.properties as object | undefined) ?? {});
      for (const key of (error.params as { additionalProperties: string[] }).additionalProperties) {
        add(
          fieldOf([...path, key]),
          `unknown field (got ${show(valueAt(value, [...path, key]))}); use one of ${known.join(', ')}, or remove it`,
        );
      }
    } else if (error.keyword === 'required') {
      const properties = at.properties as Record<string, Schema>;
      for (const key of (error.params as { requiredProperties: string[] }).requiredProperties) {
        add(fieldOf([...path, key]), `got nothing; use ${describe(properties[key] as Schema)}`);
      }
    } else {
      // An array's items are reported at the array: `api.corsOrigins`, not `api.corsOrigins.0`.
      add(
        fieldOf(path.filter((part) => !/^\d+$/.test(part))),
        `got ${show(valueAt(value, path))}; use ${describe(at)}`,
      );
    }
  }
  return [...problems].map(([field, fix]) => ({ field, fix }));
}

/** `got <value>; use <fix>` when `value` does not fit `schema` (one field, e.g. a usage value), else undefined. */
export function fieldProblem(schema: TSchema, value: unknown): string | undefined {
  return schemaProblems(schema, value, () => '')[0]?.fix;
}

/** What a value of `schema` looks like, as it reads after "use". */
export function describe(schema: Schema): string {
  if (schema.fix) return schema.fix;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((option) => show(option)).join(', ')}`;
  const hint = schema.hint ? ` (${schema.hint})` : '';
  switch (schema.type) {
    case 'integer':
      return `a whole number${range(schema)}${hint}`;
    case 'number':
      return `a number${range(schema)}${hint}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return schema.pattern ? `a string matching /${schema.pattern}/` : 'a string';
    case 'array':
      return `a list of ${describe(schema.items as Schema)}`;
    default:
      return 'an object (see the fields in packages/infra/src/config/schema)';
  }
}

function range(schema: Schema): string {
  const { minimum, maximum, exclusiveMinimum } = schema as Record<string, number | undefined>;
  const low = exclusiveMinimum !== undefined ? `above ${exclusiveMinimum}` : undefined;
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (low && maximum !== undefined) return ` ${low} and at most ${maximum}`;
  if (low) return ` ${low}`;
  if (minimum !== undefined) return ` of ${minimum} or more`;
  return '';
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** `/services/api/cpu` -> `['services', 'api', 'cpu']` (JSON Pointer, RFC 6901). */
function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function schemaAt(schema: TSchema, schemaPath: string): Schema {
  let at: unknown = schema;
  for (const part of segments(schemaPath.replace(/^#/, ''))) at = (at as Record<string, unknown>)[part];
  return at as Schema;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const part of path)
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}
