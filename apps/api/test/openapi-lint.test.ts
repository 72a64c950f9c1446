import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const API_DIR = fileURLToPath(new URL('../', import.meta.url));
const REDOCLY = fileURLToPath(new URL('../../../node_modules/.bin/redocly', import.meta.url));

describe('apps/api/openapi.json', () => {
  it("passes `redocly lint` with Redocly's recommended rules (redocly.yaml)", async () => {
    const run = promisify(execFile)(REDOCLY, ['lint', 'openapi.json', '--format', 'json'], {
      cwd: API_DIR,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const { stdout } = await run.catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`redocly lint failed:\n${error.stdout}\n${error.stderr}`);
    });
    const report = JSON.parse(stdout) as { totals: { errors: number } };
    expect(report.totals.errors).toBe(0);
  });
});
