import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { authDir } from '../../src/dev/oidc/demo-users.ts';
import type { ProviderKeys } from '../../src/dev/oidc/keys.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs claims as the local provider of `dataDir` does: its own RS256 key (from the data folder) and key id. */
async function providerSigner(dataDir: string, real: string) {
  const keys = JSON.parse(readFileSync(join(authDir(dataDir), 'keys.json'), 'utf8')) as ProviderKeys;
  const providerKey = await importJWK(keys.signing, 'RS256');
  const { kid } = decodeProtectedHeader(real);
  return (
    payload: JWTPayload,
    key: Parameters<SignJWT['sign']>[0] = providerKey,
    header: Record<string, unknown> = {},
  ) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid, ...header }).sign(key);
}

/**
 * The real token's claims signed again with the provider's key, nothing changed: the control that shows a token
 * of {@link forgedTokens} fails for the one thing changed, not for being signed outside the provider.
 */
export async function resignedToken(dataDir: string, real: string): Promise<string> {
  return (await providerSigner(dataDir, real))(decodeJwt(real));
}

/**
 * Tokens an attacker (or a clock) could present, made from a real token of the local provider: each keeps the
 * real claims and changes one thing. Signing with the provider's own key (read from the data folder) is how the
 * tests get an expired or foreign-issuer token that is otherwise valid.
 */
export async function forgedTokens(dataDir: string, real: string): Promise<Record<string, string>> {
  const sign = await providerSigner(dataDir, real);
  const { kid } = decodeProtectedHeader(real);
  const claims = decodeJwt(real);
  const now = Math.floor(Date.now() / 1000);
  const otherKey = (await generateKeyPair('RS256')).privateKey;
  const [head, , signature] = real.split('.');
  return {
    expired: await sign({ ...claims, iat: now - 7_200, exp: now - 3_600 }),
    'not yet valid': await sign({ ...claims, nbf: now + 3_600 }),
    'other issuer': await sign({
      ...claims,
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_evil',
    }),
    'other audience': await sign({ ...claims, aud: 'someone-else', client_id: 'someone-else' }),
    'other key, provider kid': await sign(claims, otherKey),
    'other key, own kid': await sign(claims, otherKey, { kid: 'attacker' }),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'HS256 with a guessed secret': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(new TextEncoder().encode('secret')),
    'claims edited, signature kept': `${head}.${b64({ ...claims, 'cognito:groups': ['admin'] })}.${signature}`,
    'signature removed': `${head}.${real.split('.')[1]}.`,
    garbage: 'not-a-token',
  };
}
