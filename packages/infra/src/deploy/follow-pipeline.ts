import {
  type CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  type StageState,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';

/** How `followRelease` waits: injected so tests run without real time passing. */
export interface Waiting {
  readonly log: (line: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds between polls. */
  readonly pollMs: number;
  /** Gives up after this many polls (the run goes on; running the command again follows it). */
  readonly maxPolls: number;
}

/** Execution states after which nothing more happens to it. */
const FAILED = new Set(['Failed', 'Stopped', 'Stopping', 'Cancelled']);

/**
 * Releases the stage's current commit through its backend pipeline and waits for it, printing each stage as it
 * changes: follows the execution already in progress (creating a pipeline starts one) or starts one, follows its
 * successor if a newer one supersedes it. Resolves true when an execution succeeded, false (after saying where and
 * why) when it failed or the wait ran out.
 */
export async function followRelease(
  client: CodePipelineClient,
  pipelineName: string,
  waiting: Waiting,
): Promise<boolean> {
  let executionId = await inProgressExecution(client, pipelineName);
  if (executionId) waiting.log(`  following execution ${executionId}, already in progress`);
  else {
    const started = await client.send(new StartPipelineExecutionCommand({ name: pipelineName }));
    executionId = started.pipelineExecutionId as string;
    waiting.log(`  started execution ${executionId}`);
  }
  const printed = new Map<string, string>();
  for (let poll = 0; poll < waiting.maxPolls; poll++) {
    const { pipelineExecution } = await client.send(
      new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }),
    );
    const { stageStates = [] } = await client.send(new GetPipelineStateCommand({ name: pipelineName }));
    printStages(stageStates, executionId, printed, waiting.log, pipelineName);
    const status = pipelineExecution?.status ?? 'InProgress';
    if (status === 'Succeeded') return true;
    if (FAILED.has(status)) {
      waiting.log(`  ${pipelineName} ${status.toLowerCase()}${failureOf(stageStates, executionId)}`);
      waiting.log('  What to do: docs/operations.md ("The pipeline stopped at Migrate" and following).');
      return false;
    }
    if (status === 'Superseded') {
      const newer = await inProgressExecution(client, pipelineName);
      if (!newer) return false;
      waiting.log(`  execution ${executionId} was superseded by ${newer}, a newer commit: following it`);
      executionId = newer;
      printed.clear();
      continue;
    }
    await waiting.sleep(waiting.pollMs);
  }
  waiting.log(
    `  ${pipelineName} is still running after ${Math.round((waiting.maxPolls * waiting.pollMs) / 60_000)} min; ` +
      'it goes on without this command. Run the same command again to follow it to the end.',
  );
  return false;
}

async function inProgressExecution(client: CodePipelineClient, pipelineName: string) {
  const { pipelineExecutionSummaries = [] } = await client.send(
    new ListPipelineExecutionsCommand({ pipelineName, maxResults: 1 }),
  );
  const latest = pipelineExecutionSummaries[0];
  return latest?.status === 'InProgress' ? latest.pipelineExecutionId : undefined;
}

/** Prints each stage of this execution whose status changed since the last poll. */
function printStages(
  stages: StageState[],
  executionId: string,
  printed: Map<string, string>,
  log: (line: string) => void,
  pipelineName: string,
): void {
  for (const stage of stages) {
    const name = stage.stageName ?? '?';
    const latest = stage.latestExecution;
    if (!latest || latest.pipelineExecutionId !== executionId || printed.get(name) === latest.status)
      continue;
    printed.set(name, latest.status ?? '');
    log(`  ${name}: ${latest.status}`);
    if (latest.status === 'InProgress' && stage.actionStates?.some(isWaitingApproval)) {
      log(
        `    waiting for a manual approval: approve it in the console (CodePipeline > ${pipelineName}) or with ` +
          '`aws codepipeline put-approval-result` (docs/operations.md, "How a change reaches production").',
      );
    }
  }
}

function isWaitingApproval(action: NonNullable<StageState['actionStates']>[number]): boolean {
  return action.latestExecution?.status === 'InProgress' && action.latestExecution.token !== undefined;
}

/** `: Migrate/Liquibase failed: <message> (<log url>)` for the failed action of this execution. */
function failureOf(stages: StageState[], executionId: string): string {
  for (const stage of stages) {
    if (stage.latestExecution?.pipelineExecutionId !== executionId) continue;
    const action = stage.actionStates?.find((a) => a.latestExecution?.status === 'Failed');
    if (!action) continue;
    const { errorDetails, externalExecutionUrl } = action.latestExecution ?? {};
    const where = externalExecutionUrl ? ` (${externalExecutionUrl})` : '';
    return `: ${stage.stageName}/${action.actionName} failed: ${errorDetails?.message ?? 'no message'}${where}`;
  }
  return '';
}
