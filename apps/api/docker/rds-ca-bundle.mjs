// Downloads the Amazon RDS CA bundle the API and the migrations verify the database with (DB_SSL=verify-full),
// and refuses it unless its SHA-256 is the pinned one: a changed bundle stops the build instead of being trusted
// unseen. How to refresh the pin when RDS adds or rotates CAs: docs/adr/0086-database-tls-verify-full-with-the-rds-bundle.md.
// Usage (image builds and the migration build, where CodeBuild has internet): node rds-ca-bundle.mjs DEST
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The global bundle: every region's RDS CAs (RSA2048, RSA4096, ECC384 G1 and rds-ca-2019). */
export const RDS_CA_BUNDLE = {
  url: 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
  // 165,408 bytes, 108 certificates, as published on 2026-09-25 (the digest pinned by public projects since).
  sha256: 'e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3',
};

/** Fetches `url`, checks its SHA-256 against `sha256` and writes it to `dest`; throws with the fix otherwise. */
export async function fetchPinned(url, sha256, dest) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== sha256) {
    throw new Error(
      `${url} has SHA-256 ${actual}, not the pinned ${sha256}. If RDS published a new bundle, review it and ` +
        'update the pin in apps/api/docker/rds-ca-bundle.mjs (ADR 0086).',
    );
  }
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, body, { mode: 0o644 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dest = process.argv[2];
  if (!dest) {
    console.error('usage: node rds-ca-bundle.mjs DEST');
    process.exit(1);
  }
  try {
    await fetchPinned(RDS_CA_BUNDLE.url, RDS_CA_BUNDLE.sha256, dest);
    console.log(`RDS CA bundle verified and written to ${dest}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
