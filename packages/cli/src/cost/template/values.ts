import type { TemplateResource } from './read.ts';

/** Template values are often intrinsic functions; these helpers read the literal ones and say when they cannot. */

export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** CloudFormation numbers are often strings (`Cpu: "256"`). */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True when `value` contains a `Ref` or `Fn::GetAtt` to `logicalId` anywhere inside it. */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => refersTo(v, logicalId));
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.Ref === logicalId) return true;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
  if (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId) return true;
  return Object.values(record).some((v) => refersTo(v, logicalId));
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` names. */
export function referencedId(value: unknown): string | undefined {
  const record = asRecord(value);
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** A short label for a resource: its construct path without the stack prefix and `/Resource`, else its id. */
export function label(resource: TemplateResource): string {
  if (!resource.cdkPath) return resource.logicalId;
  const parts = resource.cdkPath.split('/').slice(1);
  if (parts.at(-1) === 'Resource' || parts.at(-1) === 'Default') parts.pop();
  return parts.join('/') || resource.logicalId;
}

export function resourceKey(resource: TemplateResource): string {
  return `${resource.stack}/${resource.logicalId}`;
}

/** A string built with `Fn::Join`, non-literal parts (`{ Ref: AWS::Region }`) written as `*`. */
export function joinedString(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = asRecord(value)['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string') {
    return asArray(join[1])
      .map((part) => joinedString(part))
      .join(join[0]);
  }
  return '*';
}
