import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.ts';

/** Numbers a careless parser or a PostgreSQL integer column chokes on. */
export const hugeAndNegativeNumbers = fc.constantFrom(
  -1,
  -2_147_483_649,
  2_147_483_648,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  0.5,
  -0.000001,
);

/** Strings that stress encodings, PostgreSQL's text type and JSON: NUL, lone surrogates, RTL marks, emoji... */
export const unicodeEdgeCases = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ufeff',
  '\u200b\u200d',
  '👩‍👩‍👧‍👦'.repeat(60),
  'ﬀ\u0301\u0301\u0301',
  '\\u0000',
  '\r\n\t',
);

/** Strings that would change a query if anything concatenated them into SQL, or LIKE patterns. */
export const sqlMetacharacters = fc.constantFrom(
  "' OR '1'='1",
  "'; DROP TABLE catalog.products; --",
  '"; SELECT pg_sleep(10); --',
  '%',
  '_',
  '\\',
  "\\'",
  '$1',
  '/* */',
  "E'\\x00'",
);

/** Values of every JSON type, for "wrong type" mutations. */
export const anyJsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Ids that are not UUIDs, or UUIDs of nothing. */
export const badIds = fc.oneof(
  fc.constantFrom('not-a-uuid', '0', '-1', '00000000-0000-0000-0000-00000000000g', 'null', '..', '%', ' '),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => id.replaceAll('-', '')),
  fc.uuid(),
  sqlMetacharacters,
  unicodeEdgeCases,
  fc.string({ minLength: 1, maxLength: 400 }),
);

/** A value that breaks `schema`: a wrong JSON type, or the right type out of bounds. */
export function violating(schema: JsonSchema): fc.Arbitrary<unknown> {
  const wrongType = anyJsonValue.filter((value) => !matchesType(schema, value));
  const outOfBounds: fc.Arbitrary<unknown>[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    outOfBounds.push(hugeAndNegativeNumbers.filter((n) => !withinBounds(schema, n)));
    if (schema.minimum !== undefined) outOfBounds.push(fc.constant(schema.minimum - 1));
    if (schema.maximum !== undefined) outOfBounds.push(fc.constant(schema.maximum + 1));
  }
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) outOfBounds.push(fc.constant('x'.repeat(schema.maxLength + 1)));
    if ((schema.minLength ?? 0) > 0 || schema.pattern || schema.format) outOfBounds.push(fc.constant(''));
    if (schema.format || schema.pattern)
      outOfBounds.push(sqlMetacharacters, fc.constantFrom('\u0000', ' x', 'é'));
  }
  return outOfBounds.length > 0 ? fc.oneof(wrongType, ...outOfBounds) : wrongType;
}

function matchesType(schema: JsonSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function withinBounds(schema: JsonSchema, value: number): boolean {
  if (schema.type === 'integer' && !Number.isInteger(value)) return false;
  return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
}

/** Bodies that are not JSON at all, or not the JSON a parser accepts. */
export const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    'NaN',
    '[1,2',
    '{"a":1}{"b":2}',
    '"open',
    '{"a":undefined}',
    '\u0000',
  ),
  fc.string({ minLength: 1, maxLength: 50 }).filter((text) => !isJson(text)),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
