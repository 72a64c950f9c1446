import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain script of the image build, without type declarations
import { fetchPinned, RDS_CA_BUNDLE } from '../docker/rds-ca-bundle.mjs';

const API_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO = path.join(API_DIR, '../..');
const dockerfile = readFileSync(path.join(API_DIR, 'Dockerfile'), 'utf8');
const BUNDLE = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('the RDS CA bundle download', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shoestring-rds-ca-'));
    server = createServer((_request, response) => response.end(BUNDLE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/global-bundle.pem`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins the global bundle of the RDS trust store by SHA-256', () => {
    expect(RDS_CA_BUNDLE.url).toBe('https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem');
    expect(RDS_CA_BUNDLE.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the bundle when its digest is the pinned one', async () => {
    const dest = path.join(dir, 'ok', 'bundle.pem');
    await fetchPinned(url, createHash('sha256').update(BUNDLE).digest('hex'), dest);
    expect(readFileSync(dest, 'utf8')).toBe(BUNDLE);
  });

  it('refuses a bundle with another digest, says how to refresh the pin, and writes nothing', async () => {
    const dest = path.join(dir, 'changed', 'bundle.pem');
    await expect(fetchPinned(url, RDS_CA_BUNDLE.sha256, dest)).rejects.toThrow(
      /not the pinned e5bb.*update the pin in apps\/api\/docker\/rds-ca-bundle\.mjs \(ADR 0086\)/,
    );
    expect(existsSync(dest)).toBe(false);
  });
});

describe('apps/api/Dockerfile', () => {
  it('downloads the pinned bundle and points DB_SSL_ROOT_CERT at it', () => {
    expect(dockerfile).toContain('RUN node apps/api/docker/rds-ca-bundle.mjs /ca/rds-global-bundle.pem');
    expect(dockerfile).toContain(
      'COPY --from=build /ca/rds-global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem',
    );
    expect(dockerfile).toMatch(/^\s+DB_SSL_ROOT_CERT=\/etc\/ssl\/certs\/rds-global-bundle\.pem$/m);
  });

  it('runs the contract as the JavaScript its `compiled` export names, which plain Node loads', () => {
    expect(dockerfile).toMatch(/^\s+NODE_OPTIONS=--conditions=compiled \\$/m);
    const dist = path.join(REPO, 'packages/contract/dist');
    try {
      execFileSync('npm', ['run', 'build', '--workspace', '@shoestring/contract'], {
        cwd: REPO,
        stdio: 'pipe',
      });
      const printed = execFileSync(
        process.execPath,
        [
          '--conditions=compiled',
          '--input-type=module',
          '-e',
          "const c = await import('@shoestring/contract'); console.log(import.meta.resolve('@shoestring/contract'), c.readContainerEnv({ PORT: '81' }).values.PORT);",
        ],
        { cwd: API_DIR, encoding: 'utf8' },
      );
      expect(printed.trim()).toMatch(/\/packages\/contract\/dist\/index\.js 81$/);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
