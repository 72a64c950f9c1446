import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '@shoestring/dbtools';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { startApi } from '../../src/dev/api-process.ts';

describe('startApi (shoestring dev)', () => {
  it("stops with the API's own words and the log file when the API exits during start", async () => {
    // GIVEN a configuration the real API refuses at start
    const logFile = join(mkdtempSync('/tmp/shoestring-api-process-'), 'api.log');
    // WHEN shoestring dev starts it
    const error = await startApi({
      port: await findFreePort(),
      databaseUrl: 'mysql://app@db/shop',
      logFile,
    }).catch((e: unknown) => e);
    // THEN the error (printed without a stack) shows the API's latest output and points at the full log
    expect(error).toBeInstanceOf(CliError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The API exited during start \(code 1\):\n/);
    expect(message).toContain('DATABASE_URL must be a postgres: or postgresql: URL');
    expect(message).toContain(`(full log: ${logFile})`);
    expect(readFileSync(logFile, 'utf8')).toContain('DATABASE_URL must be a postgres');
  });
});
