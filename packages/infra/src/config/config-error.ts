/** One field of `shoestring.config.ts` that is wrong, and how to fix it. */
export interface ConfigProblem {
  /** Dotted path from the stage, e.g. `stages.prod.database.allocatedStorageGb`. */
  readonly field: string;
  /** What is wrong and what to write instead. */
  readonly fix: string;
}

/** Thrown when `shoestring.config.ts` is invalid; lists every problem so one run shows them all. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((problem) => `  - ${problem.field}: ${problem.fix}`);
    super(`shoestring.config.ts is invalid:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
