import type { StageConfig } from '@shoestring/infra/config';
import type { DoctorClients } from './clients.ts';

/** `fail` stops a deploy (exit code 1); `note` is worth knowing but blocks nothing. */
export type CheckStatus = 'pass' | 'fail' | 'note';

export interface CheckResult {
  /** Short name of what was checked (`account`, `bootstrap`, ...). */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly detail: string;
  /** What to do, for a failure (and a note that has a remedy). */
  readonly fix?: string;
}

/** What every check gets: the resolved stage, clients on the user's credentials, and the environment for tools. */
export interface DoctorContext {
  readonly config: StageConfig;
  readonly clients: DoctorClients;
  readonly env: NodeJS.ProcessEnv;
}

/** One check; a few report two results (the image and the Docker it takes to build one). */
export type Check = (ctx: DoctorContext) => Promise<CheckResult | CheckResult[]>;
