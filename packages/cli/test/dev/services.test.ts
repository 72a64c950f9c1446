import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shoestring/dbtools';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { startServices } from '../../src/dev/services.ts';

// No PostgreSQL listens here: the API still starts (its /health reports the database as down), so the processes
// themselves are what is tested.
const NO_DATABASE = 'postgres://nobody:nothing@127.0.0.1:1/none';

describe('startServices', () => {
  it('stops the services that started when another fails, and says why it failed', async () => {
    // GIVEN a plan whose second service names a module the API does not have
    const logDir = mkdtempSync('/tmp/shoestring-services-');
    const progress: string[] = [];
    // WHEN the services start
    const error = await startServices({
      repoRoot: repoRoot(),
      plan: [
        { name: 'catalog', modules: ['catalog'] },
        { name: 'broken', modules: ['nope'] },
      ],
      databaseUrl: NO_DATABASE,
      logDir,
      progress: (line) => progress.push(line),
    }).catch((e: unknown) => e);
    // THEN the start fails with the API's own reason
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain('MODULES lists unknown modules: nope');
    // AND catalog, which did start (its log says so), answers no more
    const catalog = /catalog \(catalog\) on (http:\S+)/.exec(progress.join('\n'))?.[1];
    expect(catalog).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(join(logDir, 'catalog.log'), 'utf8')).toContain('Server listening');
    const answered = await fetch(`${catalog}/health`).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
  });
});
