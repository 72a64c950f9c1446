import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const DB = { DATABASE_URL: 'postgres://u:p@localhost:5432/shop' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, MODULE_SPECS);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(DB, MODULE_SPECS)).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
      drainSeconds: 30,
      requestTimeoutMs: 10_000,
      bodyLimitBytes: 100_000,
      serviceName: 'shoestring-api',
      modules: ['catalog', 'customers', 'orders'],
      remoteModules: {},
      database: { connectionString: DB.DATABASE_URL, sslMode: 'disable', statementTimeoutMs: 5000 },
    });
    expect(loadConfig(DB, MODULE_SPECS).otlpEndpoint).toBeUndefined();
  });

  it('accepts the discrete DB_* variables the cloud sets, with TLS', () => {
    const config = loadConfig(
      {
        DB_HOST: 'db.internal',
        DB_PORT: '5433',
        DB_NAME: 'shop',
        DB_USER: 'app',
        DB_PASSWORD: 's3cret',
        DB_SSL: 'require',
      },
      MODULE_SPECS,
    );
    expect(config.database).toMatchObject({
      host: 'db.internal',
      port: 5433,
      database: 'shop',
      user: 'app',
      sslMode: 'require',
    });
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DB_SSL: 'maybe',
      DRAIN_SECONDS: '-1',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318',
      MODULES: 'catalog,billing',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/PORT must be an integer/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(
      /DB_SSL must be one of disable, require, verify-full \(got "maybe"\)/,
    );
    expect(problems.join('\n')).toMatch(/DRAIN_SECONDS must be an integer from 0/);
    expect(problems.join('\n')).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT must be a http: or https: URL/);
    expect(problems.join('\n')).toMatch(/MODULES lists unknown modules: billing/);
    expect(problems.join('\n')).toMatch(
      /set DATABASE_URL .* \(missing: DB_HOST, DB_NAME, DB_USER, DB_PASSWORD\)/,
    );
  });

  it('with DB_SSL=verify-full reads the CA bundle once, and refuses a missing or unreadable one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-config-'));
    const bundle = path.join(dir, 'ca.pem');
    writeFileSync(bundle, PEM);
    const verify = { ...DB, DB_SSL: 'verify-full' };
    expect(loadConfig({ ...verify, DB_SSL_ROOT_CERT: bundle }, MODULE_SPECS).database).toMatchObject({
      sslMode: 'verify-full',
      ca: PEM,
    });
    expect(problemsOf(verify)).toEqual([
      'DB_SSL=verify-full needs DB_SSL_ROOT_CERT: the PEM file of the CAs that sign the database certificate',
    ]);
    expect(problemsOf({ ...verify, DB_SSL_ROOT_CERT: path.join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^DB_SSL_ROOT_CERT cannot be read: ENOENT/),
    ]);
    writeFileSync(bundle, 'not a certificate');
    expect(problemsOf({ ...verify, DB_SSL_ROOT_CERT: bundle })).toEqual([
      `DB_SSL_ROOT_CERT must be a PEM file of CA certificates (${bundle} holds none)`,
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes integers as plain digits only, and an empty value as unset', () => {
    expect(problemsOf({ ...DB, PORT: '1e3', DRAIN_SECONDS: '2.5' })).toEqual([
      'PORT must be an integer from 0 to 65535 (got "1e3")',
      'DRAIN_SECONDS must be an integer from 0 to 600 (got "2.5")',
    ]);
    expect(loadConfig({ ...DB, PORT: '', LOG_LEVEL: '' }, MODULE_SPECS)).toMatchObject({
      port: 8080,
      logLevel: 'info',
    });
  });

  it('reads MODULES=* as every module', () => {
    expect(loadConfig({ ...DB, MODULES: '*' }, MODULE_SPECS).modules).toEqual([
      'catalog',
      'customers',
      'orders',
    ]);
  });

  it('binds a module to a URL when it runs elsewhere', () => {
    const config = loadConfig(
      { ...DB, MODULES: 'orders,customers', CATALOG_URL: 'http://catalog.shop.internal:8080/' },
      MODULE_SPECS,
    );
    expect(config.modules).toEqual(['customers', 'orders']);
    expect(config.remoteModules).toEqual({ catalog: 'http://catalog.shop.internal:8080' });
  });

  it('refuses a topology where a module cannot reach what it needs, or is bound twice', () => {
    expect(problemsOf({ ...DB, MODULES: 'orders' })).toEqual([
      'orders needs catalog: add it to MODULES or set CATALOG_URL',
      'orders needs customers: add it to MODULES or set CUSTOMERS_URL',
    ]);
    expect(problemsOf({ ...DB, CATALOG_URL: 'http://x:1' })).toEqual([
      'CATALOG_URL is set but catalog runs in this process (MODULES); remove one of them',
    ]);
  });
});
