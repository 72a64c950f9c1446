import { parseArgs } from 'node:util';
import { GRAFANA_DASHBOARD_DIR, loadGrafanaDashboards } from '@shoestring/infra/observability';
import { CliError } from '../cli-error.ts';
import { pushDashboards } from '../observe/grafana-push.ts';

const HELP = `Usage: shoestring dashboards push --url URL [--token TOKEN] [--folder Shoestring] [--dir DIR]

Uploads the Grafana dashboards (packages/infra/observability/dashboards/*.json) through Grafana's HTTP API, for
the Amazon Managed Grafana workspace of observability.dashboards: 'grafana' (CloudFormation cannot create them).
Idempotent: dashboards are saved by uid, only when they changed; a second push changes nothing.

Options:
  --url URL        the Grafana base URL (Managed Grafana: the workspace URL, https://g-....grafana-workspace...)
  --token TOKEN    a service account token with the Editor role; default: $GRAFANA_TOKEN (keeps it out of shell history)
  --folder TITLE   the folder to put them in                                  default Shoestring
  --dir DIR        where the dashboard JSON files are                         default the repo's
  -h, --help       this text`;

/** Printed for --help and, by main, after an unknown option. */
export const usage = HELP;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      folder: { type: 'string', default: 'Shoestring' },
      dir: { type: 'string', default: GRAFANA_DASHBOARD_DIR },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals[0] !== 'push' || positionals.length > 1) {
    throw new CliError(
      `Unknown dashboards action "${positionals.join(' ')}"; the action is "push" (shoestring dashboards push --url ...).`,
    );
  }
  const url = requireUrl(values.url);
  const token = values.token ?? process.env.GRAFANA_TOKEN;
  if (!token)
    throw new CliError(
      'No Grafana token: pass --token or set GRAFANA_TOKEN (a service account token with the Editor role).',
    );
  const dashboards = loadDashboards(values.dir);
  console.log(`Pushing ${dashboards.length} dashboards to ${url.origin}, folder "${values.folder}"`);
  const results = await pushDashboards({
    url: url.href,
    token,
    folder: values.folder,
    dashboards,
    progress: (line) => console.log(`  · ${line}`),
  });
  const changed = results.filter((result) => result.outcome !== 'unchanged').length;
  console.log(`Done: ${changed} changed, ${results.length - changed} unchanged.`);
  return 0;
}

function requireUrl(value: string | undefined): URL {
  if (!value)
    throw new CliError(
      '--url is required: the Grafana base URL, e.g. https://g-abc123.grafana-workspace.us-east-1.amazonaws.com',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(
      `--url "${value}" is not a URL; use e.g. https://g-abc123.grafana-workspace.us-east-1.amazonaws.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliError(`--url must be http(s), got "${url.protocol}"`);
  }
  return url;
}

function loadDashboards(dir: string) {
  try {
    const dashboards = loadGrafanaDashboards(dir);
    if (dashboards.length === 0) throw new Error(`no *.json dashboards in ${dir}`);
    return dashboards;
  } catch (error) {
    throw new CliError(`Could not read the dashboards: ${(error as Error).message}`);
  }
}
