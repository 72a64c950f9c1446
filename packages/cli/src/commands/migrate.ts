import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DbToolsError, type LiquibaseCommand, MASTER_CHANGELOG, runLiquibase } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';
import { defaultDataDir } from '../dev/runtime-file.ts';
import { resolveConnection } from '../migrate/connection.ts';

const HELP = `Usage: shoestring migrate <command> [options]

Runs the repository's Liquibase master changelog (${MASTER_CHANGELOG.searchPath}/${MASTER_CHANGELOG.changelogFile}),
the same way locally, in CodeBuild and in the Fargate migration task.

Commands:
  update               apply pending changesets
  status               list pending changesets (exit 0 either way)
  validate             check the changelog and the checksums of applied changesets
  update-sql           print the SQL update would run (or write it with --output-file)
  rollback-count N     roll back the last N changesets
  tag NAME             tag the current state (rollback point)
  history              list applied changesets

Connection (first match wins):
  --url URL            jdbc:postgresql://host:5432/db or postgres://host:5432/db
  --username U         default: $DB_USER
  --password-env VAR   the environment variable holding the password   default DB_PASSWORD
  --local              the local database of \`shoestring dev\` (.shoestring/)
  otherwise            DATABASE_URL, or DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD and
                       DB_SSL (disable, require, or verify-full with the CA bundle in DB_SSL_ROOT_CERT)

Other options:
  --output-file FILE   with update-sql: where the SQL goes
  -h, --help           this text`;

/** Printed for --help and, by main, after an unknown option. */
export const usage = HELP;

const COMMANDS: Record<string, { liquibase: LiquibaseCommand; argument?: 'count' | 'tag' }> = {
  update: { liquibase: 'update' },
  status: { liquibase: 'status' },
  validate: { liquibase: 'validate' },
  'update-sql': { liquibase: 'update-sql' },
  'rollback-count': { liquibase: 'rollback-count', argument: 'count' },
  tag: { liquibase: 'tag', argument: 'tag' },
  history: { liquibase: 'history' },
  'clear-checksums': { liquibase: 'clear-checksums' },
};

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      username: { type: 'string' },
      'password-env': { type: 'string', default: 'DB_PASSWORD' },
      local: { type: 'boolean', default: false },
      'output-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, argument] = positionals;
  if (values.help || !name) {
    console.log(HELP);
    return values.help ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command)
    throw new CliError(
      `Unknown migrate command "${name}". Choose one of: ${Object.keys(COMMANDS).join(', ')}.`,
    );
  const commandArgs = commandArguments(name, command.argument, argument);

  const connection = await resolveConnection({
    url: values.url,
    username: values.username,
    passwordEnv: values['password-env'],
    local: values.local,
    dataDir: defaultDataDir(),
    env: process.env,
  });
  try {
    await runLiquibase({
      command: command.liquibase,
      args: commandArgs,
      globalArgs: values['output-file'] ? [`--output-file=${resolve(values['output-file'])}`] : [],
      connection: connection.connection,
      onOutput: (line) => console.log(line),
    });
  } catch (error) {
    throw error instanceof DbToolsError ? new CliError(error.message) : error;
  } finally {
    await connection.release();
  }
  return 0;
}

function commandArguments(
  name: string,
  kind: 'count' | 'tag' | undefined,
  value: string | undefined,
): string[] {
  if (!kind) return [];
  if (kind === 'count') {
    if (!value || !/^[1-9]\d*$/.test(value)) {
      throw new CliError(
        `${name} needs how many changesets to roll back, e.g. \`shoestring migrate ${name} 1\`.`,
      );
    }
    return [`--count=${value}`];
  }
  if (!value) throw new CliError(`${name} needs a tag name, e.g. \`shoestring migrate ${name} release-42\`.`);
  return [`--tag=${value}`];
}
