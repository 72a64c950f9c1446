import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type LocalPostgres, serveTls, startLocalPostgres, TestCa, verifyFullEnv } from '@shoestring/dbtools';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { run } from '../../src/commands/migrate.ts';
import { resolveConnection } from '../../src/migrate/connection.ts';

let dir: string;
let server: LocalPostgres;
let trusted: TestCa;
const printed: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync('/tmp/shoestring-migrate-tls-');
  trusted = new TestCa(dir, 'trusted-ca');
  server = await startLocalPostgres({ dataDir: path.join(dir, 'db'), fast: true });
  await serveTls(server, trusted.issue('localhost'));
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    printed.push(String(line));
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (server) rmSync(server.pgdata, { recursive: true, force: true });
});

/** The migration runners' environment in the cloud: DB_* with verify-full and the CA bundle's path. */
const cloudEnv = (rootCert: string, host = 'localhost') => verifyFullEnv(server, rootCert, host);

const request = (env: NodeJS.ProcessEnv) => ({ passwordEnv: 'DB_PASSWORD', local: false, dataDir: dir, env });

describe('shoestring migrate with DB_SSL=verify-full', () => {
  it('gives Liquibase sslmode=verify-full with the CA bundle, and reads the status over a verified connection', async () => {
    const { connection } = await resolveConnection(request(cloudEnv(trusted.certFile)));
    expect(connection.url).toBe(
      `jdbc:postgresql://localhost:${server.port}/${server.database}?sslmode=verify-full&sslrootcert=${encodeURIComponent(trusted.certFile)}`,
    );
    for (const [name, value] of Object.entries(cloudEnv(trusted.certFile))) vi.stubEnv(name, value);
    try {
      expect(await run(['status'])).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(printed.join('\n')).toMatch(/changesets have not been applied/);
  });

  it('fails clearly when the server certificate is not from the trusted CA', async () => {
    const stranger = new TestCa(dir, 'other-ca');
    for (const [name, value] of Object.entries(cloudEnv(stranger.certFile))) vi.stubEnv(name, value);
    const error = await run(['status'])
      .catch((e: unknown) => e)
      .finally(() => vi.unstubAllEnvs());
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/SSL error: PKIX path building failed/);
  });

  it('fails clearly when the certificate is not issued for the host it dials', async () => {
    // The certificate names localhost; 127.0.0.1 is the same server under a name the certificate does not carry.
    for (const [name, value] of Object.entries(cloudEnv(trusted.certFile, '127.0.0.1')))
      vi.stubEnv(name, value);
    const error = await run(['status'])
      .catch((e: unknown) => e)
      .finally(() => vi.unstubAllEnvs());
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/hostname 127\.0\.0\.1 could not be verified/);
  });

  it('refuses verify-full without a CA bundle before starting Liquibase', async () => {
    const { DB_SSL_ROOT_CERT: _, ...withoutCa } = cloudEnv('');
    await expect(resolveConnection(request(withoutCa))).rejects.toThrow(
      /DB_SSL=verify-full needs DB_SSL_ROOT_CERT/,
    );
    await expect(resolveConnection(request(cloudEnv(path.join(dir, 'none.pem'))))).rejects.toThrow(
      /DB_SSL_ROOT_CERT .*none\.pem does not exist/,
    );
  });
});
