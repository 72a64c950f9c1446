/** The parts of an OpenAPI 3 document the malformed-input generator reads: operations, parameters, JSON bodies. */

export interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: boolean;
  $ref?: string;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly method: string;
  /** The OpenAPI path template, e.g. `/catalog/products/{id}`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  /** The `application/json` request body schema, when the operation takes one. */
  readonly body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (schema: JsonSchema): JsonSchema => {
    const name = schema.$ref?.split('/').pop();
    return name ? (document.components?.schemas?.[name] ?? schema) : schema;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const body = operation.requestBody?.content['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          parameters: (operation.parameters ?? []).map((p) => ({
            ...p,
            required: Boolean(p.required),
            schema: resolve(p.schema),
          })),
          ...(body ? { body: resolve(body) } : {}),
        };
      }),
  );
}

/** Existing rows the generator points valid ids at, so that a request fails for the one thing made wrong. */
export interface KnownIds {
  readonly productId: string;
  readonly customerId: string;
  readonly orderId: string;
}

/** A valid id for a path parameter: the kind of row the path names. */
export function validPathId(path: string, ids: KnownIds): string {
  if (path.startsWith('/catalog/products')) return ids.productId;
  if (path.startsWith('/customers')) return ids.customerId;
  if (path.startsWith('/orders')) return ids.orderId;
  return crypto.randomUUID();
}

/**
 * A value that satisfies `schema`, built deterministically except for unique fields (sku, email) so that a valid
 * sample is never rejected for a clash. Property names pick the right known id for uuid fields.
 */
export function validSample(schema: JsonSchema, ids: KnownIds, property = ''): unknown {
  switch (schema.type) {
    case 'object': {
      const entries = Object.entries(schema.properties ?? {}).map(([name, child]) => [
        name,
        validSample(child, ids, name),
      ]);
      return Object.fromEntries(entries);
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        validSample(schema.items ?? {}, ids, property),
      );
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, schema.minimum ?? 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    default:
      return validString(schema, ids, property);
  }
}

function validString(schema: JsonSchema, ids: KnownIds, property: string): string {
  const unique = crypto.randomUUID().slice(0, 8);
  if (schema.format === 'uuid') return property === 'customerId' ? ids.customerId : ids.productId;
  if (schema.format === 'email') return `fuzz-${unique}@example.com`;
  if (schema.pattern) return `FUZZ-${unique}`;
  return 'A valid name';
}
