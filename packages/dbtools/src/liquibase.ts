import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DbToolsError } from './db-tools-error.ts';
import { requireJava } from './java.ts';
import { repoRoot } from './repo-root.ts';
import { runProcess } from './run-process.ts';

/** The one master changelog that `shoestring dev`, the tests and the cloud pipeline all run. */
export const MASTER_CHANGELOG = {
  /** Relative to `searchPath`; Liquibase records changesets under paths relative to it, so keep both fixed. */
  changelogFile: 'db/changelog-master.yaml',
  /** Relative to the repository root. */
  searchPath: 'apps/api',
} as const;

export type LiquibaseCommand =
  | 'update'
  | 'status'
  | 'validate'
  | 'update-sql'
  | 'rollback-count'
  | 'tag'
  | 'history'
  | 'clear-checksums';

export interface LiquibaseConnection {
  /** `jdbc:postgresql://host:port/db` or `postgres://[user:password@]host:port/db`. */
  url: string;
  user: string;
  password: string;
}

export interface LiquibaseOptions {
  command: LiquibaseCommand;
  connection: LiquibaseConnection;
  /** Command arguments, e.g. `['--count=1']` for rollback-count or `['--tag=v1']` for tag. */
  args?: string[];
  /** Global arguments that go before the command, e.g. `['--output-file=update.sql']`. */
  globalArgs?: string[];
  /** @default MASTER_CHANGELOG.changelogFile */
  changelogFile?: string;
  /** Absolute, or relative to the repository root. @default MASTER_CHANGELOG.searchPath */
  searchPath?: string;
  /** Receives Liquibase's output line by line, for progress. */
  onOutput?: (line: string) => void;
  /** Kills Liquibase when aborted. */
  signal?: AbortSignal;
}

export interface LiquibaseResult {
  stdout: string;
  stderr: string;
}

/** Runs the Liquibase CLI (npm package `liquibase`, with its bundled PostgreSQL JDBC driver) and explains failures. */
export async function runLiquibase(options: LiquibaseOptions): Promise<LiquibaseResult> {
  // Fails early with install instructions; the liquibase launcher finds Java through JAVA_HOME or PATH.
  requireJava();
  const { connection } = options;
  const searchPath = resolve(repoRoot(), options.searchPath ?? MASTER_CHANGELOG.searchPath);
  const args = [
    '--show-banner=false',
    '--log-level=WARNING',
    `--search-path=${searchPath}`,
    `--changelog-file=${options.changelogFile ?? MASTER_CHANGELOG.changelogFile}`,
    ...(options.globalArgs ?? []),
    options.command,
    ...(options.args ?? []),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // A migration run is a short-lived JVM: the C1 compiler alone and the serial collector start it about 40%
    // faster (measured on 2 cores, docs/performance.md). A JAVA_OPTS of the caller's own wins.
    JAVA_OPTS: process.env.JAVA_OPTS ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC',
    // Passed through the environment so the password never shows in `ps`.
    LIQUIBASE_COMMAND_URL: toJdbcUrl(connection.url),
    LIQUIBASE_COMMAND_USERNAME: connection.user,
    LIQUIBASE_COMMAND_PASSWORD: connection.password,
  };
  const { code, stdout, stderr } = await runProcess(liquibaseExecutable(), args, {
    env,
    signal: options.signal,
    onOutput: options.onOutput,
  });
  if (code !== 0) throw explainFailure(options.command, `${stdout}\n${stderr}`);
  return { stdout, stderr };
}

/** `postgres://user:pw@host:5432/db?sslmode=require` -> `jdbc:postgresql://host:5432/db?sslmode=require`. */
export function toJdbcUrl(url: string): string {
  if (url.startsWith('jdbc:')) return url;
  const parsed = new URL(url);
  const port = parsed.port || '5432';
  return `jdbc:postgresql://${parsed.hostname}:${port}${parsed.pathname}${parsed.search}`;
}

function liquibaseExecutable(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('liquibase/package.json')), 'dist', 'liquibase', 'liquibase');
}

/** Pulls out what a person needs: Liquibase's own message and, for a failed changeset, its id. */
export function explainFailure(command: string, output: string): DbToolsError {
  const changeset = /(?:Migration failed for changeset|changeset) ([^\s:]+::[^\s:]+::[^\s:]+?):?\s/i.exec(
    output,
  )?.[1];
  const summary = liquibaseSummary(output);
  if (/check ?sum/i.test(output) && /validation failed/i.test(output)) {
    const changed = /^\s+(\S+::\S+::\S+) was: .*$/m.exec(output)?.[1];
    return new DbToolsError(
      `Liquibase ${command}: a changeset that already ran was edited afterwards (checksum mismatch${changed ? `: ${changed}` : ''}). ` +
        'Never edit an applied changeset: revert the edit and add a new changeset instead ' +
        '(only for a local database you may `shoestring migrate clear-checksums`).',
      'LIQUIBASE_CHECKSUM_MISMATCH',
      changed ? { changeset: changed } : {},
    );
  }
  if (
    /Connection to .* refused|Connection refused|UnknownHostException|connection attempt failed/i.test(output)
  ) {
    return new DbToolsError(
      `Liquibase ${command}: the database is unreachable (${summary}). Check the host, port and that the database is running; in the cloud, that the build runs in the VPC's private subnets with the migration security group.`,
      'DB_UNREACHABLE',
    );
  }
  return new DbToolsError(
    `Liquibase ${command} failed${changeset ? ` at changeset ${changeset}` : ''}: ${summary}`,
    'LIQUIBASE_FAILED',
    changeset ? { changeset } : {},
  );
}

/** Liquibase's closing "Unexpected error" paragraph without Java exception class names, on one line. */
function liquibaseSummary(output: string): string {
  const paragraph =
    /Unexpected error running Liquibase: ([\s\S]*?)\n\s*\n/.exec(output)?.[1] ?? lastMeaningfulLine(output);
  return paragraph
    .replace(/Migration failed for changeset \S+:\s*Reason:/, '')
    .replace(/(?:[\w.]+(?:Exception|Error): )+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function lastMeaningfulLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'no output';
}
