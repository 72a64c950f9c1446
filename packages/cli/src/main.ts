import { CliError } from './cli-error.ts';

/** A subcommand: a module loaded only when it is asked for. */
interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number>; usage?: string }>;
}

const commands: Record<string, CommandEntry> = {
  dev: {
    summary: 'Run the whole system locally (PostgreSQL, migrations, API, site, gateway).',
    load: () => import('./commands/dev.ts'),
  },
  migrate: {
    summary: 'Run Liquibase against a database: update, status, rollback-count, update-sql.',
    load: () => import('./commands/migrate.ts'),
  },
  cost: {
    summary: 'Price the synthesized CDK templates: the monthly bill before you pay it.',
    load: () => import('./commands/cost.ts'),
  },
  dashboards: {
    summary: 'Upload the Grafana dashboards to a Grafana (Amazon Managed Grafana) workspace, idempotently.',
    load: () => import('./commands/dashboards.ts'),
  },
  doctor: {
    summary: 'Check an AWS account before a deploy: account, bootstrap, zones, connection, image, quotas.',
    load: () => import('./commands/doctor.ts'),
  },
  'deploy-web': {
    summary: 'Upload the built site to S3 by content and invalidate CloudFront.',
    load: () => import('./commands/deploy-web.ts'),
  },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    'Usage: shoestring <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `shoestring <command> --help` for its options.',
  ].join('\n');
}

/**
 * Runs one command and returns the process exit code. No error prints a Node stack unless asked for: a CliError
 * or another known error prints its message, an unknown option prints the command's usage, and anything else
 * prints one line plus how to see the stack (`--debug` or DEBUG set).
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const debug = argv.includes('--debug') || Boolean(env.DEBUG);
  const [name, ...rest] = argv.filter((arg) => arg !== '--debug');
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  let command: Awaited<ReturnType<CommandEntry['load']>> | undefined;
  try {
    command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    return reportError(name, error, debug, command?.usage);
  }
}

/** Prints an error the way a person can act on it and returns the exit code. */
export function reportError(name: string, error: unknown, debug: boolean, commandUsage?: string): number {
  const prefix = `shoestring ${name}:`;
  if (debug && error instanceof Error && error.stack) console.error(error.stack);
  if (error instanceof CliError) {
    if (!debug) console.error(`${prefix} ${error.message}`);
    return error.exitCode;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    if (!debug) console.error(`${prefix} ${(error as Error).message}`);
    console.error(`\n${commandUsage ?? `Run \`shoestring ${name} --help\` for its options.`}`);
    return 1;
  }
  if (isKnownError(error)) {
    if (!debug) console.error(`${prefix} ${error.message}`);
    return 1;
  }
  if (!debug) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`${prefix} ${message.split('\n')[0]}\n(run again with --debug for the stack)`);
  }
  return 1;
}

/** Errors of the workspaces that carry a message meant for a person (the config checker, the database tools). */
function isKnownError(error: unknown): error is Error {
  return error instanceof Error && ['DbToolsError', 'ConfigError'].includes(error.name);
}
