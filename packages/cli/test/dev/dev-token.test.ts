import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalOidcProvider, startOidcProvider } from '../../src/dev/oidc/provider.ts';
import { writeRuntimeFile } from '../../src/dev/runtime-file.ts';
import { startCommand } from './run-cli.ts';

// A running local system as `shoestring dev token` finds it: the runtime file of a live process (this one) and
// the real provider it names. PostgreSQL and the API play no part in getting a token.
const dataDir = mkdtempSync(join(tmpdir(), 'dev-token-'));
let provider: LocalOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    siteOrigin: 'http://127.0.0.1:3998',
  });
  await writeRuntimeFile(dataDir, {
    pid: process.pid,
    url: 'http://127.0.0.1:3998',
    services: {},
    database: { url: 'jdbc:postgresql://127.0.0.1:1/unused', user: 'unused', password: 'unused' },
    auth: { issuer: provider.issuer, jwksUrl: provider.jwksUrl, site: provider.siteConfig.auth },
  });
});
afterAll(() => provider.stop());

async function devToken(...args: string[]) {
  const run = startCommand(process.execPath, ['packages/cli/bin/shoestring.js', 'dev', 'token', ...args]);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('shoestring dev token', () => {
  it("prints alice's access token, which verifies against the provider's JWKS", async () => {
    const { code, output } = await devToken('alice', '--data-dir', dataDir);
    expect(code).toBe(0);
    // Only the token, so `$(npx shoestring dev token alice)` works in a shell.
    const token = output.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const keys = createRemoteJWKSet(new URL(provider.jwksUrl));
    const { payload } = await jwtVerify(token, keys, { issuer: provider.issuer, algorithms: ['RS256'] });
    expect(payload).toMatchObject({ username: 'alice', token_use: 'access', client_id: provider.clientId });
  });

  it('names the demo users when asked for another', async () => {
    const { code, output } = await devToken('mallory', '--data-dir', dataDir);
    expect(code).toBe(1);
    expect(output).toContain('No demo user "mallory". The demo users are: alice, bob, admin.');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('says to run npm start first when no local system runs', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dev-token-none-'));
    const { code, output } = await devToken('alice', '--data-dir', empty);
    expect(code).toBe(1);
    expect(output).toContain(`No local system is running for ${empty}: start it with \`npm start\` first.`);
  });

  it('is in shoestring dev --help, and a missing user prints what to name', async () => {
    const help = startCommand(process.execPath, ['packages/cli/bin/shoestring.js', 'dev', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('shoestring dev token <alice|bob|admin>');
    const { code, output } = await devToken();
    expect(code).toBe(1);
    expect(output).toContain('Name one demo user: alice, bob, admin.');
  });
});
