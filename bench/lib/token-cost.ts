import { API_AUTH_ENV } from '@shoestring/contract';
import { type AuthConfig, loadConfig } from '../../apps/api/src/platform/config.ts';
import { createTokenVerifier } from '../../apps/api/src/platform/token-verifier.ts';
import { round } from './measure.ts';

/** Issue 14: verifying a bearer token may cost at most this much CPU per request, with the issuer's keys cached. */
export const TOKEN_VERIFY_TARGET_MS = 0.1;

export interface TokenCost {
  readonly verifications: number;
  /** CPU (user + system, every thread of this process) per request whose token the API has verified before, in ms. */
  readonly cpuMsPerKnownToken: number;
  /** The same for a token seen for the first time: the full check, signature included (ADR 0132). */
  readonly cpuMsPerNewToken: number;
  readonly targetMs: number;
}

/**
 * The API's own verifier (`createTokenVerifier`, from the settings the API reads from the same environment)
 * verifying the shop's tokens in turn, after one verification has fetched and cached the issuer's keys: once as the
 * API runs it (a shopper's next request carries a token it has verified), once remembering nothing (every token new).
 * Sequential, so the figure is the work of one verification, not of a queue.
 */
export async function measureTokenVerification(
  authEnv: Readonly<Record<string, string>>,
  tokens: readonly string[],
  count = 20_000,
): Promise<TokenCost> {
  const { issuer = '', audiences, jwksUrl = '' } = apiAuthConfig(authEnv);
  const cpuPerVerification = async (verifiedTokenCacheSize?: number) => {
    const verify = createTokenVerifier({
      issuer,
      audiences,
      jwksUrl,
      ...(verifiedTokenCacheSize === undefined ? {} : { verifiedTokenCacheSize }),
    });
    for (const token of tokens) await verify(token);
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) await verify(tokens[i % tokens.length]!);
    const used = process.cpuUsage(before);
    return round((used.user + used.system) / 1000 / count, 4);
  };
  return {
    verifications: count,
    cpuMsPerKnownToken: await cpuPerVerification(),
    cpuMsPerNewToken: await cpuPerVerification(0),
    targetMs: TOKEN_VERIFY_TARGET_MS,
  };
}

/** The token settings the API reads from this environment, defaults included (the key set URL). */
export function apiAuthConfig(authEnv: Readonly<Record<string, string>>): AuthConfig {
  return loadConfig({ ...authEnv, DATABASE_URL: 'postgres://bench@127.0.0.1/unused' }, []).auth;
}

/** The API's token environment with the key set URL spelled out, for a server that does not default it. */
export function withJwksUrl(authEnv: Readonly<Record<string, string>>): Record<string, string> {
  return { ...authEnv, [API_AUTH_ENV.jwksUrl]: apiAuthConfig(authEnv).jwksUrl ?? '' };
}

export function tokenCostLine(cost: TokenCost): string {
  const verdict = cost.cpuMsPerKnownToken <= cost.targetMs ? 'within' : 'OVER';
  return `Token verification, CPU per request (the API's verifier, keys cached, ${cost.verifications} requests): ${cost.cpuMsPerKnownToken} ms for a token verified before, ${verdict} the ${cost.targetMs} ms target; ${cost.cpuMsPerNewToken} ms for a new token (full check).`;
}
