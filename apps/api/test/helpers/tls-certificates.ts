import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

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
