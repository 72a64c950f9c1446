import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { authDir } from './demo-users.ts';

/** The local provider's secrets: kept in the data folder so tokens and sessions survive a restart. */
export interface ProviderKeys {
  /** The RS256 private key tokens are signed with (its public half is served as the JWKS). */
  signing: JWK;
  /** Keys that sign the provider's cookies. */
  cookieKeys: string[];
}

/** The provider's keys of a data folder, generated the first time. */
export async function loadOrCreateProviderKeys(dataDir: string): Promise<ProviderKeys> {
  const file = join(authDir(dataDir), 'keys.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text !== undefined) return JSON.parse(text) as ProviderKeys;
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const keys: ProviderKeys = {
    signing: { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  await mkdir(authDir(dataDir), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
