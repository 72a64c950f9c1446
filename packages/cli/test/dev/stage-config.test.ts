import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { configPath, loadStage } from '../../src/dev/stage-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'shoestring-stage-config-'));
function configFile(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `export default ${body};\n`);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as Error;
}

describe('loadStage (--stage)', () => {
  it('reads SHOESTRING_CONFIG when set, else the repository config', () => {
    expect(configPath({ SHOESTRING_CONFIG: '/x/other.config.ts' })).toBe('/x/other.config.ts');
    expect(configPath({})).toMatch(/shoestring\.config\.ts$/);
  });

  it('resolves a stage of the file with the config defaults', async () => {
    const path = configFile(
      'split.config.ts',
      `{ stages: { split: { services: { orders: { modules: ['orders'] }, rest: { modules: ['catalog', 'customers'] } } } } }`,
    );
    const config = await loadStage('split', path);
    expect(config.stage).toBe('split');
    expect(Object.keys(config.services)).toEqual(['orders', 'rest']);
    expect(config.services.rest?.cpu).toBe(256);
  });

  it('names the stages there are when the stage is unknown, in one line', async () => {
    const error = await failure(loadStage('nope'));
    expect(error.message).toBe(
      'No stage "nope" in shoestring.config.ts: use --stage dev or --stage prod, or add "nope" under `stages`.',
    );
  });

  it('puts every problem of an invalid stage on one line, with the field and the fix', async () => {
    const path = configFile(
      'bad.config.ts',
      `{ stages: { dev: { bogus: 1, services: { api: { modules: ['order'] } } } } }`,
    );
    const error = await failure(loadStage('dev', path));
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/^\S+bad\.config\.ts is invalid: /);
    expect(error.message).toContain('stages.dev.bogus');
    expect(error.message).toContain('services.api.modules: got unknown module "order"');
  });

  it('says where it looked when the file is missing', async () => {
    const error = await failure(loadStage('dev', join(dir, 'missing.config.ts')));
    expect(error.message).toContain('missing.config.ts');
    expect(error.message).not.toContain('\n');
  });
});
