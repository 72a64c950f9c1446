import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAFANA_DASHBOARD_DIR, loadGrafanaDashboards } from '@shoestring/infra/observability';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { run } from '../../src/commands/dashboards.ts';
import { folderUidFor } from '../../src/observe/grafana-push.ts';
import { startGrafanaStandIn } from './grafana-stand-in.ts';

const TOKEN = 'glsa_test_token';

async function push(url: string, ...extra: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  try {
    const code = await run(['push', '--url', url, '--token', TOKEN, ...extra]);
    return { code, output: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

describe('shoestring dashboards push', () => {
  let grafana: Awaited<ReturnType<typeof startGrafanaStandIn>>;
  beforeAll(async () => {
    grafana = await startGrafanaStandIn(TOKEN);
  });
  afterAll(() => grafana.close());

  it('creates the folder and every dashboard of the repo on the first push', async () => {
    // GIVEN an empty Grafana WHEN the dashboards are pushed
    const { code, output } = await push(grafana.url);
    // THEN the folder and each dashboard exist, with the repo's JSON
    expect(code).toBe(0);
    expect(grafana.folders.get('shoestring')).toBe('Shoestring');
    const repo = loadGrafanaDashboards();
    expect([...grafana.dashboards.keys()].sort()).toEqual(repo.map(({ dashboard }) => dashboard.uid).sort());
    for (const { dashboard } of repo)
      expect(grafana.dashboards.get(dashboard.uid)?.dashboard).toEqual(dashboard);
    expect(output).toContain(`Done: ${repo.length} changed, 0 unchanged.`);
  });

  it('changes nothing when pushed again without edits', async () => {
    const writesBefore = grafana.writes.length;
    const { output } = await push(grafana.url);
    expect(grafana.writes.length).toBe(writesBefore);
    expect(output).toContain('Done: 0 changed, 3 unchanged.');
  });

  it('updates only the dashboard that changed, in place (same uid, next version)', async () => {
    // GIVEN a copy of the dashboards with one title edited
    const dir = mkdtempSync('/tmp/shoestring-dashboards-');
    cpSync(GRAFANA_DASHBOARD_DIR, dir, { recursive: true });
    const file = join(dir, 'database.json');
    writeFileSync(
      file,
      JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), title: 'Shoestring / DB' }),
    );
    const versionBefore = grafana.dashboards.get('shoestring-database')?.version ?? 0;
    // WHEN pushed
    const { output } = await push(grafana.url, '--dir', dir);
    // THEN that one is updated and the others are untouched
    expect(output).toMatch(/updated\s+Shoestring \/ DB \(database\.json\)/);
    expect(output).toContain('Done: 1 changed, 2 unchanged.');
    expect(grafana.dashboards.get('shoestring-database')?.version).toBe(versionBefore + 1);
    expect(grafana.dashboards.size).toBe(3);
  });

  it('moves dashboards to another folder when --folder changes', async () => {
    await push(grafana.url, '--folder', 'Shop Team');
    expect(grafana.folders.get('shop-team')).toBe('Shop Team');
    expect([...grafana.dashboards.values()].every((stored) => stored.folderUid === 'shop-team')).toBe(true);
  });

  it('names the fix when the token is refused, the URL is missing or bad, or the action is unknown', async () => {
    await expect(run(['push', '--url', grafana.url, '--token', 'wrong'])).rejects.toThrow(
      /refused the token \(HTTP 401\).*service account token with the Editor role/,
    );
    await expect(run(['push', '--token', TOKEN])).rejects.toThrow(/--url is required/);
    await expect(run(['push', '--url', 'grafana.example', '--token', TOKEN])).rejects.toThrow(/is not a URL/);
    await expect(run(['pull', '--url', grafana.url])).rejects.toThrow(CliError);
    await expect(run(['push', '--url', 'http://127.0.0.1:1', '--token', TOKEN])).rejects.toThrow(
      /Could not reach Grafana/,
    );
  });

  it('derives a stable folder uid from the title', () => {
    expect(folderUidFor('My Team / Shoestring')).toBe('my-team-shoestring');
    expect(() => folderUidFor('///')).toThrow(/no letters or digits/);
  });
});
