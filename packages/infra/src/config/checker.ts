import type { ConfigProblem } from './config-error.ts';

/** Collects config problems under a field prefix; each check names the field and the fix. */
export class Checker {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly prefix: string) {}

  fail(field: string, fix: string): void {
    this.problems.push({ field: `${this.prefix}.${field}`, fix });
  }

  oneOf<T>(field: string, value: T, options: readonly T[]): void {
    if (!options.includes(value)) {
      this.fail(
        field,
        `got ${JSON.stringify(value)}; use one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
      );
    }
  }

  integer(field: string, value: number, min: number, max: number, why = ''): void {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(
        field,
        `got ${JSON.stringify(value)}; use a whole number from ${min} to ${max}${why ? ` (${why})` : ''}`,
      );
    }
  }

  nonNegative(field: string, value: number): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.fail(field, `got ${JSON.stringify(value)}; use a number of 0 or more`);
    }
  }

  matches(field: string, value: unknown, pattern: RegExp, expected: string): void {
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.fail(field, `got ${JSON.stringify(value)}; use ${expected}`);
    }
  }

  /** Reports keys of `input` that the schema does not know (usually a typo). */
  knownKeys(field: string, input: unknown, known: readonly string[]): void {
    if (input === undefined || input === null) return;
    if (typeof input !== 'object' || Array.isArray(input)) {
      this.fail(field, `got ${JSON.stringify(input)}; use an object`);
      return;
    }
    for (const key of Object.keys(input)) {
      if (!known.includes(key)) {
        const where = field ? `${field}.${key}` : key;
        this.fail(where, `unknown field; remove it or use one of ${known.join(', ')}`);
      }
    }
  }
}
