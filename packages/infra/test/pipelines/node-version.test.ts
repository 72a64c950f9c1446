import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILDSPEC_DIR, DEPLOYED_NODE_MAJOR } from '../../src/constructs/pipelines/index.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const SKIP = new Set(['node_modules', '.git', 'cdk.out', 'dist']);

/** Every Dockerfile of the repository (`Dockerfile`, `*.Dockerfile`), found rather than listed. */
function dockerfiles(dir = REPO): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return dockerfiles(file);
    return /(^|\.)Dockerfile$/.test(entry.name) ? [file] : [];
  });
}

/** The image references of a Dockerfile: `FROM` images (not earlier stages) and `ARG ..._IMAGE=` defaults. */
function baseImages(text: string): string[] {
  const stages = new Set([...text.matchAll(/^FROM\s.*\sAS\s+(\S+)/gim)].map((m) => m[1]!.toLowerCase()));
  const from = [...text.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map((m) => m[1]!);
  const args = [...text.matchAll(/^ARG\s+\w*IMAGE\w*=(\S+)/gim)].map((m) => m[1]!);
  return [...from, ...args].filter((image) => !stages.has(image.toLowerCase()) && !image.startsWith('${'));
}

const FILES = dockerfiles();

describe('deployed Node.js', () => {
  it('finds the API and the migration Dockerfiles', () => {
    expect(FILES.map((file) => path.relative(REPO, file)).sort()).toEqual(
      expect.arrayContaining(['apps/api/Dockerfile', 'packages/infra/buildspecs/migrate.Dockerfile']),
    );
  });

  it.each(FILES.map((file) => [path.relative(REPO, file), file]))(
    '%s runs the deployed Node from ECR Public and asks BuildKit for no frontend image',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      // `# syntax=` makes BuildKit pull the frontend from Docker Hub, anonymously.
      expect(text).not.toMatch(/^#\s*syntax=/im);
      const images = baseImages(text);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(image).toMatch(/^public\.ecr\.aws\//);
        if (/\/node:/.test(image)) expect(image).toMatch(new RegExp(`/node:${DEPLOYED_NODE_MAJOR}-`));
      }
      expect(images.some((image) => image.includes('/node:'))).toBe(true);
    },
  );

  it.each(readdirSync(BUILDSPEC_DIR).filter((name) => name.endsWith('.yml')))(
    'buildspec %s installs the deployed Node major, if any, and names no other node image',
    (name) => {
      const text = readFileSync(path.join(BUILDSPEC_DIR, name), 'utf8');
      const spec = parse(text) as { phases: Record<string, { 'runtime-versions'?: { nodejs?: unknown } }> };
      const versions = Object.values(spec.phases).flatMap((phase) => phase['runtime-versions']?.nodejs ?? []);
      for (const version of versions) expect(version).toBe(DEPLOYED_NODE_MAJOR);
      for (const [, major] of text.matchAll(/node:(\d+)/g)) expect(Number(major)).toBe(DEPLOYED_NODE_MAJOR);
    },
  );

  it('the buildspecs that run npm install Node this way', () => {
    const installing = ['migrate.yml', 'site.yml'].map(
      (name) =>
        (
          parse(readFileSync(path.join(BUILDSPEC_DIR, name), 'utf8')) as {
            phases: { install: { 'runtime-versions': { nodejs: number } } };
          }
        ).phases.install['runtime-versions'].nodejs,
    );
    expect(installing).toEqual([DEPLOYED_NODE_MAJOR, DEPLOYED_NODE_MAJOR]);
  });
});
