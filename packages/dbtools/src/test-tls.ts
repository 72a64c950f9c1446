import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { chmod, chown } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { LocalPostgres } from './postgres.ts';

/*
 * TLS for tests: a throwaway CA made with the `openssl` CLI and a running local PostgreSQL switched to TLS with a
 * certificate it issued, so clients' certificate and host name checks run against a real server.
 */

export interface IssuedCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A throwaway certificate authority made with the `openssl` CLI: `issue` signs a server certificate for one
 * DNS name, the way RDS's CA signs the instance's certificate for its endpoint.
 */
export class TestCa {
  readonly certFile: string;
  private readonly keyFile: string;
  private serial = 1;

  constructor(
    private readonly dir: string,
    readonly name: string,
  ) {
    this.certFile = path.join(dir, `${name}.crt`);
    this.keyFile = path.join(dir, `${name}.key`);
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      this.keyFile,
      '-out',
      this.certFile,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  }

  issue(dnsName: string): IssuedCertificate {
    const base = path.join(this.dir, `${this.name}-${dnsName}`);
    const extensions = `${base}.ext`;
    writeFileSync(extensions, `subjectAltName=DNS:${dnsName}\nextendedKeyUsage=serverAuth\n`);
    openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      `/CN=${dnsName}`,
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.csr`,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      this.certFile,
      '-CAkey',
      this.keyFile,
      '-set_serial',
      String(this.serial++),
      '-days',
      '2',
      '-extfile',
      extensions,
      '-out',
      `${base}.crt`,
    ]);
    return { certFile: `${base}.crt`, keyFile: `${base}.key` };
  }
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `openssl ${args[0]} failed (is the openssl CLI installed?): ${(error as Error).message}\n${stderr}`,
    );
  }
}

/**
 * Switches the running server to TLS with this certificate: the files go into the data folder, owned by the
 * account PostgreSQL runs as (it refuses a key others can read), then a reload, which PostgreSQL applies to new
 * connections once the postmaster has read it; `SHOW ssl_cert_file` on a new connection says when.
 */
export async function serveTls(server: LocalPostgres, certificate: IssuedCertificate): Promise<void> {
  const owner = statSync(server.pgdata);
  const name = path.basename(certificate.certFile, '.crt');
  for (const [from, to] of [
    [certificate.certFile, `${name}.crt`],
    [certificate.keyFile, `${name}.key`],
  ] as const) {
    const target = path.join(server.pgdata, to);
    copyFileSync(from, target);
    await chown(target, owner.uid, owner.gid);
    await chmod(target, 0o600);
  }
  await withAdmin(server, async (admin) => {
    await admin.query(`ALTER SYSTEM SET ssl_cert_file = '${name}.crt'`);
    await admin.query(`ALTER SYSTEM SET ssl_key_file = '${name}.key'`);
    await admin.query('ALTER SYSTEM SET ssl = on');
    await admin.query('SELECT pg_reload_conf()');
  });
  for (let attempt = 0; attempt < 500; attempt++) {
    const current = await withAdmin(server, (admin) => admin.query('SHOW ssl_cert_file'));
    if (current.rows[0]?.ssl_cert_file === `${name}.crt`) return;
  }
  throw new Error(`PostgreSQL did not apply ssl_cert_file = ${name}.crt`);
}

async function withAdmin<T>(server: LocalPostgres, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The cloud's connection environment for `server`: discrete DB_* with verify-full against `rootCert`. */
export function verifyFullEnv(
  server: LocalPostgres,
  rootCert: string,
  host = 'localhost',
): Record<string, string> {
  return {
    DB_HOST: host,
    DB_PORT: String(server.port),
    DB_NAME: server.database,
    DB_USER: server.user,
    DB_PASSWORD: server.password,
    DB_SSL: 'verify-full',
    DB_SSL_ROOT_CERT: rootCert,
  };
}
