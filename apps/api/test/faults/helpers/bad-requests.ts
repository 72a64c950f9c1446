import fc from 'fast-check';
import { badIds, malformedJson, sqlMetacharacters, unicodeEdgeCases, violating } from './bad-values.ts';
import {
  type JsonSchema,
  type KnownIds,
  type Operation,
  validPathId,
  validSample,
} from './openapi-operations.ts';

/** One hostile request: what is wrong with it (`kind`), and the request itself. */
export interface BadRequest {
  readonly kind: string;
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

const BODY_LIMIT_BYTES = 100_000; // the API's BODY_LIMIT_BYTES default

/**
 * Requests for `operation` that each break one thing the OpenAPI document promises to check, everything else valid:
 * ids, query parameters, headers, the JSON body's types, bounds, required and unknown fields, its syntax, size,
 * encoding and content type. Strings with SQL metacharacters and unicode edge cases may be valid: the API may accept
 * them, but must never fail on them.
 */
export function badRequestsFor(operation: Operation, ids: KnownIds): fc.Arbitrary<BadRequest> {
  const valid = () => validRequest(operation, ids);
  const mutations: fc.Arbitrary<BadRequest>[] = [hostileHeaders(valid), unknownQuery(valid)];
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const headerParams = operation.parameters.filter((p) => p.in === 'header');
  if (pathParams.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...pathParams), badIds).map(([param, id]) => {
        const request = valid();
        return {
          ...request,
          kind: `path ${param.name} = ${JSON.stringify(id).slice(0, 80)}`,
          url: fill(operation.path, ids, { [param.name]: id }),
        };
      }),
    );
  }
  if (pathParams.length > 0) {
    mutations.push(
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '%C0%AF').map((raw) => {
        const request = valid();
        return { ...request, kind: `raw path segment ${raw}`, url: operation.path.replace(/\{\w+\}/g, raw) };
      }),
    );
  }
  for (const param of queryParams) {
    const bad =
      param.schema.type === 'string' && !param.schema.format
        ? fc.oneof(violating(param.schema), hostileString)
        : violating(param.schema);
    mutations.push(
      bad.map((value) =>
        withQuery(valid(), `query ${param.name} = ${JSON.stringify(value)}`, { [param.name]: textOf(value) }),
      ),
    );
  }
  if (queryParams.length > 0) mutations.push(brokenQueryEncoding(valid));
  for (const param of headerParams) {
    mutations.push(
      fc
        .constantFrom('', 'k'.repeat((param.schema.maxLength ?? 200) + 1))
        .map((value) =>
          withHeader(valid(), `header ${param.name} of length ${value.length}`, param.name, value),
        ),
    );
  }
  if (operation.body) mutations.push(...bodyMutations(operation.body, valid));
  else if (operation.method !== 'GET') mutations.push(unexpectedMalformedBody(valid));
  return fc.oneof(...mutations);
}

const hostileString = fc.oneof(unicodeEdgeCases, sqlMetacharacters);

function validRequest(operation: Operation, ids: KnownIds): BadRequest {
  const request: BadRequest = {
    kind: 'valid',
    method: operation.method,
    url: fill(operation.path, ids, {}),
    headers: {},
  };
  if (!operation.body) return request;
  return {
    ...request,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validSample(operation.body, ids)),
  };
}

function fill(template: string, ids: KnownIds, overrides: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    percentEncode(overrides[name] ?? validPathId(template, ids)),
  );
}

/** Like encodeURIComponent, but lone surrogates become the UTF-8 replacement character instead of throwing. */
function percentEncode(text: string): string {
  const unreserved = /[A-Za-z0-9\-_.~]/;
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      unreserved.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function withQuery(request: BadRequest, kind: string, params: Record<string, string>): BadRequest {
  return { ...request, kind, url: `${request.url}?${new URLSearchParams(params)}` };
}

function withHeader(request: BadRequest, kind: string, name: string, value: string): BadRequest {
  return { ...request, kind, headers: { ...request.headers, [name]: value } };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function hostileHeaders(valid: () => BadRequest) {
  // fetch refuses control characters in headers; printable ASCII is what reaches the server.
  const printable = fc.string({
    unit: fc.constantFrom(...'abc-_ %00\'";<>{}[]|\\/0123456789xyz'.split('')),
    maxLength: 300,
  });
  return fc
    .tuple(
      fc.constantFrom('x-request-id', 'traceparent', 'accept', 'content-length-x', 'x-forwarded-for'),
      printable,
    )
    .map(([name, value]) => withHeader(valid(), `header ${name} = ${JSON.stringify(value)}`, name, value));
}

function unknownQuery(valid: () => BadRequest) {
  return fc
    .tuple(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((k) => !['limit', 'offset', 'q', 'inStock', 'customerId'].includes(k)),
      fc.string(),
    )
    .map(([name, value]) => withQuery(valid(), `unknown query ${JSON.stringify(name)}`, { [name]: value }));
}

function brokenQueryEncoding(valid: () => BadRequest) {
  return fc
    .constantFrom(
      'limit=%',
      'q=%zz',
      'limit=1&limit=2',
      'offset=%E0%A4%A',
      'q=%00',
      'inStock=maybe',
      'limit=',
      '&&=&',
    )
    .map((query) => {
      const request = valid();
      return { ...request, kind: `raw query ${query}`, url: `${request.url}?${query}` };
    });
}

function unexpectedMalformedBody(valid: () => BadRequest) {
  return malformedJson.map((body) => ({
    ...valid(),
    kind: `malformed body ${JSON.stringify(body)}`,
    headers: { 'content-type': 'application/json' },
    body,
  }));
}

/** Every (path, schema) pair in a body schema, e.g. ['lines', 0, 'quantity'] for an order line's quantity. */
function fieldsOf(
  schema: JsonSchema,
  path: (string | number)[] = [],
): { path: (string | number)[]; schema: JsonSchema; required: boolean }[] {
  if (schema.type === 'array' && schema.items) return fieldsOf(schema.items, [...path, 0]);
  if (schema.type !== 'object') return [];
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    { path: [...path, name], schema: child, required: (schema.required ?? []).includes(name) },
    ...fieldsOf(child, [...path, name]),
  ]);
}

function bodyMutations(schema: JsonSchema, valid: () => BadRequest): fc.Arbitrary<BadRequest>[] {
  const fields = fieldsOf(schema);
  const edit = (kind: string, change: (body: Record<string, unknown>) => void): BadRequest => {
    const request = valid();
    const body = JSON.parse(String(request.body));
    change(body);
    return { ...request, kind, body: JSON.stringify(body) };
  };
  const mutations: fc.Arbitrary<BadRequest>[] = [
    fc
      .constantFrom(...fields)
      .chain((field) =>
        violating(field.schema).map((value) =>
          edit(`${field.path.join('/')} = ${JSON.stringify(value)?.slice(0, 80)}`, (b) =>
            setAt(b, field.path, value),
          ),
        ),
      ),
    fc.string({ minLength: 1, maxLength: 30 }).map((name) =>
      edit(`unknown field ${JSON.stringify(name)}`, (b) => {
        b[`${name}_unknown`] = 1;
      }),
    ),
    malformedJson.map((text) => ({ ...valid(), kind: `malformed JSON ${JSON.stringify(text)}`, body: text })),
    fc
      .constantFrom('[]', '42', '"text"', 'null', 'true', '[{}]')
      .map((text) => ({ ...valid(), kind: `JSON ${text} instead of an object`, body: text })),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      )
      .map((type) => withHeader(valid(), `content-type ${type}`, 'content-type', type)),
    fc.constant(null).map(() =>
      edit('oversized body', (b) => {
        b.padding = 'x'.repeat(BODY_LIMIT_BYTES + 1);
      }),
    ),
    fc.constant(null).map(() => ({
      ...valid(),
      kind: 'invalid UTF-8 bytes',
      body: Buffer.concat([
        Buffer.from('{"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('":"\xff"}', 'latin1'),
      ]),
    })),
  ];
  const required = fields.filter((f) => f.required);
  if (required.length > 0) {
    mutations.push(
      fc
        .constantFrom(...required)
        .map((field) => edit(`missing ${field.path.join('/')}`, (b) => deleteAt(b, field.path))),
    );
  }
  const strings = fields.filter((f) => f.schema.type === 'string');
  if (strings.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...strings), hostileString)
        .map(([field, value]) =>
          edit(`${field.path.join('/')} = ${JSON.stringify(value)}`, (b) => setAt(b, field.path, value)),
        ),
    );
  }
  return mutations;
}

function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown) {
  parentOf(target, path)[path.at(-1)!] = value;
}

function deleteAt(target: Record<string, unknown>, path: (string | number)[]) {
  delete parentOf(target, path)[path.at(-1)!];
}

function parentOf(target: Record<string, unknown>, path: (string | number)[]) {
  return path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string, unknown>, target);
}
