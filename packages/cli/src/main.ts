import { CliError } from './cli-error.ts';

/** A subcommand: a module loaded only when it is asked for. */
interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
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

/** Runs one command and returns the process exit code; coded errors print their message, never a stack. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    const command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`shoestring ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
