import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { ConfigError, loadConfig, MIN_INTERNAL_TOKEN_LENGTH } from '../../src/platform/config.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const DB = { DATABASE_URL: 'postgres://u:p@localhost:5432/shop' };
const TOKEN = 'x'.repeat(MIN_INTERNAL_TOKEN_LENGTH);

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
      {
        ...DB,
        MODULES: 'orders,customers',
        CATALOG_URL: 'http://catalog.shop.internal:8080/',
        INTERNAL_API_TOKEN: TOKEN,
      },
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

  it('reads the token issuer, its audiences and key URL, and the service credential', () => {
    const config = loadConfig(
      {
        ...DB,
        AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
        AUTH_AUDIENCE: 'site-client, cli-client',
        INTERNAL_API_TOKEN: TOKEN,
      },
      MODULE_SPECS,
    );
    expect(config.auth).toEqual({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
      audiences: ['site-client', 'cli-client'],
      jwksUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc/.well-known/jwks.json',
      internalToken: TOKEN,
    });
    expect(loadConfig(DB, MODULE_SPECS).auth).toEqual({ audiences: [] });
  });

  it('refuses an issuer without audiences, plain http off localhost, a short or missing service credential', () => {
    expect(problemsOf({ ...DB, AUTH_ISSUER: 'https://issuer.example.com' })).toEqual([
      'AUTH_AUDIENCE must list the accepted client ids (comma-separated) when AUTH_ISSUER is set',
    ]);
    expect(problemsOf({ ...DB, AUTH_ISSUER: 'http://issuer.example.com', AUTH_AUDIENCE: 'a' })).toEqual([
      'AUTH_ISSUER must be an https URL, or http on localhost (got "http://issuer.example.com")',
      'AUTH_AUDIENCE and AUTH_JWKS_URL need AUTH_ISSUER (the token issuer URL)',
    ]);
    expect(problemsOf({ ...DB, AUTH_ISSUER: 'http://127.0.0.1:4000', AUTH_AUDIENCE: 'a' })).toEqual([]);
    expect(problemsOf({ ...DB, INTERNAL_API_TOKEN: 'short' })).toEqual([
      `INTERNAL_API_TOKEN must be at least ${MIN_INTERNAL_TOKEN_LENGTH} characters`,
    ]);
    expect(problemsOf({ ...DB, MODULES: 'catalog,customers', ORDERS_URL: 'http://orders:8080' })).toEqual([
      'INTERNAL_API_TOKEN must be set (the same value in every service) when a <MODULE>_URL is set',
    ]);
  });
});
