import type { DashboardFile, GrafanaDashboard } from '@shoestring/infra/observability';
import { CliError } from '../cli-error.ts';

export interface PushOptions {
  /** Grafana's base URL, e.g. https://g-abc123.grafana-workspace.us-east-1.amazonaws.com */
  readonly url: string;
  /** A service account token (Managed Grafana: workspace service account with the Editor role). */
  readonly token: string;
  /** Folder title; its uid is derived from it, so the same title always means the same folder. */
  readonly folder: string;
  readonly dashboards: readonly DashboardFile[];
  readonly progress: (line: string) => void;
}

export type PushOutcome = 'created' | 'updated' | 'unchanged';

export interface PushResult {
  readonly uid: string;
  readonly title: string;
  readonly outcome: PushOutcome;
}

/**
 * Uploads dashboards through Grafana's HTTP API (Managed Grafana has no CloudFormation resource for them),
 * idempotently: the folder is created once, a dashboard is saved by its uid only when its JSON differs from what
 * Grafana holds, so a second push with no edits changes nothing (no new dashboard versions).
 */
export async function pushDashboards(options: PushOptions): Promise<PushResult[]> {
  const grafana = grafanaClient(options.url, options.token);
  const folderUid = await ensureFolder(grafana, options.folder, options.progress);
  const results: PushResult[] = [];
  for (const { file, dashboard } of options.dashboards) {
    const outcome = await pushOne(grafana, dashboard, folderUid);
    options.progress(`${outcome.padEnd(9)} ${dashboard.title} (${file})`);
    results.push({ uid: dashboard.uid, title: dashboard.title, outcome });
  }
  return results;
}

/** `My Team / Shoestring` -> `my-team-shoestring`, within Grafana's 40-character uid limit. */
export function folderUidFor(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  if (!slug)
    throw new CliError(`--folder "${title}" has no letters or digits; use a title like "Shoestring".`);
  return slug;
}

type Grafana = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

async function ensureFolder(
  grafana: Grafana,
  title: string,
  progress: (line: string) => void,
): Promise<string> {
  const uid = folderUidFor(title);
  const existing = await grafana('GET', `/api/folders/${uid}`);
  if (existing.status === 200) return uid;
  if (existing.status !== 404) throw unexpected('GET', `/api/folders/${uid}`, existing);
  const created = await grafana('POST', '/api/folders', { uid, title });
  if (created.status !== 200) throw unexpected('POST', '/api/folders', created);
  progress(`created folder "${title}" (${uid})`);
  return uid;
}

async function pushOne(
  grafana: Grafana,
  dashboard: GrafanaDashboard,
  folderUid: string,
): Promise<PushOutcome> {
  const current = await grafana('GET', `/api/dashboards/uid/${dashboard.uid}`);
  if (current.status !== 200 && current.status !== 404) {
    throw unexpected('GET', `/api/dashboards/uid/${dashboard.uid}`, current);
  }
  if (current.status === 200) {
    const held = current.body as { dashboard: Record<string, unknown>; meta?: { folderUid?: string } };
    if (held.meta?.folderUid === folderUid && sameContent(held.dashboard, dashboard)) return 'unchanged';
  }
  const saved = await grafana('POST', '/api/dashboards/db', {
    dashboard: { ...dashboard, id: null },
    folderUid,
    overwrite: true,
    message: 'shoestring dashboards push',
  });
  if (saved.status !== 200) throw unexpected('POST', '/api/dashboards/db', saved);
  return current.status === 404 ? 'created' : 'updated';
}

/** Grafana adds `id` and `version` to what it stores; everything else is ours. */
function sameContent(held: Record<string, unknown>, local: GrafanaDashboard): boolean {
  const { id: _id, version: _version, ...rest } = held;
  return stableJson(rest) === stableJson(local);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function grafanaClient(baseUrl: string, token: string): Grafana {
  return async (method, path, body) => {
    const url = new URL(path, baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new CliError(`Could not reach Grafana at ${baseUrl} (${(error as Error).message}); check --url.`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new CliError(
        `Grafana at ${baseUrl} refused the token (HTTP ${response.status}) on ${method} ${path}; use a service account token with the Editor role (Managed Grafana: workspace > Service accounts).`,
      );
    }
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : undefined };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unexpected(method: string, path: string, response: { status: number; body: unknown }): CliError {
  const message =
    typeof response.body === 'object' && response.body && 'message' in response.body
      ? String((response.body as { message: unknown }).message)
      : JSON.stringify(response.body);
  return new CliError(`Grafana answered ${method} ${path} with HTTP ${response.status}: ${message}`);
}
