// Cuts the npm workspace down to apps/api and the @shoestring/contract it imports, for an image build: the root
// manifest lists only these workspaces and
// both manifests keep only the devDependencies named on the command line. `npm install` then still takes every
// version from the root lockfile, but never installs the other workspaces' dependencies (the x64-only embedded
// PostgreSQL binaries, Liquibase, the AWS CDK), so the image builds on arm64 and amd64 hosts alike.
// Usage (in the Dockerfile only): node apps/api/docker/trim-manifests.mjs [devDependency ...]
import { readFileSync, writeFileSync } from 'node:fs';

const keep = new Set(process.argv.slice(2));

function trim(file, changes) {
  const manifest = { ...JSON.parse(readFileSync(file, 'utf8')), ...changes };
  const devDependencies = Object.entries(manifest.devDependencies ?? {}).filter(([name]) => keep.has(name));
  manifest.devDependencies = Object.fromEntries(devDependencies);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

trim('package.json', { workspaces: ['apps/api', 'packages/contract'] });
trim('apps/api/package.json', {});
