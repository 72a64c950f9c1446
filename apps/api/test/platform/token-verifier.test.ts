import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CLOCK_TOLERANCE_SECONDS,
  createTokenVerifier,
  TokenRejectedError,
} from '../../src/platform/token-verifier.ts';
import { TestIssuer } from '../helpers/token-issuer.ts';

// Remembering verified tokens (ADR 0132): the signature checks are counted where jose makes them, in WebCrypto.
let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await TestIssuer.start();
});
afterAll(() => issuer.close());
afterEach(() => vi.restoreAllMocks());

function verifier(options: { verifiedTokenCacheSize?: number } = {}) {
  return createTokenVerifier({
    issuer: issuer.issuer,
    audiences: [issuer.clientId],
    jwksUrl: `${issuer.issuer}/.well-known/jwks.json`,
    jwksCooldownMs: 0,
    ...options,
  });
}

const countSignatureChecks = () => vi.spyOn(globalThis.crypto.subtle, 'verify');

describe('verified tokens', () => {
  it('checks the signature of a token once, and of every other token', async () => {
    const verify = verifier();
    const [alice, bob] = [await issuer.token({ sub: 'alice' }), await issuer.token({ sub: 'bob' })];
    const checks = countSignatureChecks();
    expect(await verify(alice)).toEqual({ subject: 'alice', role: 'shopper' });
    expect(await verify(alice)).toEqual({ subject: 'alice', role: 'shopper' });
    expect(await verify(bob)).toEqual({ subject: 'bob', role: 'shopper' });
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('never remembers a token past its expiry', async () => {
    const verify = verifier();
    const token = await issuer.token({ expiresIn: 60 });
    await verify(token);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (60 + CLOCK_TOLERANCE_SECONDS + 1) * 1000 });
    try {
      await expect(verify(token)).rejects.toThrow(TokenRejectedError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks a remembered token again once the key set is reloaded, and refuses it when its key is gone', async () => {
    const verify = verifier();
    const before = await issuer.token();
    await verify(before);
    await issuer.rotate();
    // A token with the new kid makes the verifier fetch the set again; the old key is no longer in it.
    await verify(await issuer.token());
    await expect(verify(before)).rejects.toThrow(TokenRejectedError);
  });

  it('forgets the oldest token past its size, and remembers nothing with size 0', async () => {
    const small = verifier({ verifiedTokenCacheSize: 2 });
    const tokens = await Promise.all([1, 2, 3].map(() => issuer.token()));
    for (const token of tokens) await small(token);
    const checks = countSignatureChecks();
    await small(tokens[2]!);
    await small(tokens[1]!);
    expect(checks, 'the two latest are remembered').toHaveBeenCalledTimes(0);
    await small(tokens[0]!);
    expect(checks, 'the first was forgotten').toHaveBeenCalledTimes(1);

    const none = verifier({ verifiedTokenCacheSize: 0 });
    await none(tokens[0]!);
    await none(tokens[0]!);
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it('does not take a token that differs by one byte for a remembered one', async () => {
    const verify = verifier();
    const token = await issuer.token();
    await verify(token);
    // A character in the middle of the payload (the signature's last character may only carry padding bits).
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const at = Math.floor(payload.length / 2);
    const changed = `${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}`;
    await expect(verify(`${header}.${changed}.${signature}`)).rejects.toThrow(TokenRejectedError);
  });
});
