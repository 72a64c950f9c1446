import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_ENV,
  containerEnvironmentProblems,
  MODULE_NAMES,
  moduleUrlVariable,
  readContainerEnv,
} from '../src/index.ts';

const CLOUD = {
  DB_HOST: 'db.internal',
  DB_NAME: 'shop',
  DB_USER: 'app',
  DB_SSL: 'verify-full',
};

describe('CONTAINER_ENV', () => {
  it('documents every variable, and its defaults satisfy it', () => {
    const undocumented = Object.entries(CONTAINER_ENV.properties)
      .filter(([, schema]) => !(schema as { description?: string }).description)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
    expect(Value.Check(CONTAINER_ENV, Value.Default(CONTAINER_ENV, {}))).toBe(true);
  });

  it('has a <MODULE>_URL for every module and no other', () => {
    const urls = Object.keys(CONTAINER_ENV.properties).filter((name) => /^[A-Z]+_URL$/.test(name));
    expect(urls.filter((name) => name !== 'DATABASE_URL').sort()).toEqual(
      MODULE_NAMES.map(moduleUrlVariable).sort(),
    );
  });
});

describe('containerEnvironmentProblems (what the compute construct runs at synth)', () => {
  it('accepts the cloud environment with the password and CA path set elsewhere', () => {
    expect(containerEnvironmentProblems(CLOUD, ['DB_PASSWORD', 'DB_SSL_ROOT_CERT'])).toEqual([]);
  });

  it('names a variable the contract does not know, a missing one and a bad value', () => {
    const { DB_HOST: _, ...withoutHost } = CLOUD;
    expect(
      containerEnvironmentProblems({ ...withoutHost, DB_HOTS: 'db.internal', DRAIN_SECONDS: 'soon' }, [
        'DB_PASSWORD',
      ]),
    ).toEqual([
      'DB_HOTS is not a variable of the container contract (packages/contract)',
      'DRAIN_SECONDS must be an integer from 0 to 600 (got "soon")',
      'DB_SSL=verify-full needs DB_SSL_ROOT_CERT: the PEM file of the CAs that sign the database certificate',
      'set DATABASE_URL (postgres://user:password@host:port/db) or all of DB_HOST, DB_NAME, DB_USER, DB_PASSWORD (missing: DB_HOST)',
    ]);
  });

  it('counts an opaque value (a CDK token) as set without checking it', () => {
    expect(
      containerEnvironmentProblems({ ...CLOUD, DB_PORT: 'Token[TOKEN.1]' }, [
        'DB_PASSWORD',
        'DB_SSL_ROOT_CERT',
        'DB_PORT',
      ]),
    ).toEqual([]);
  });
});

describe('readContainerEnv with only the DB_* part (what shoestring migrate reads)', () => {
  it('checks only those variables', () => {
    const { values, problems } = readContainerEnv(
      { PORT: 'not read', DB_PORT: '6543', DB_SSL: 'require' },
      { only: ['DB_PORT', 'DB_SSL'] },
    );
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ DB_PORT: 6543, DB_SSL: 'require' });
  });
});
