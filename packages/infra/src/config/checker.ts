import type { ConfigProblem } from './config-error.ts';

/** Collects config problems under a field prefix; each names the field and the fix (`got ...; use ...`). */
export class Checker {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly prefix: string) {}

  fail(field: string, fix: string): void {
    this.problems.push({ field: `${this.prefix}.${field}`, fix });
  }
}
