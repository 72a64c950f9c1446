import { readFileSync } from 'node:fs';
import { API_PREFIX } from '@shoestring/contract';
import { describe, expect, it } from 'vitest';

describe('the Vite dev proxy', () => {
  it("forwards and strips the contract's API prefix, as the gateway and the HTTP API do", () => {
    const config = readFileSync(new URL('../../vite.config.ts', import.meta.url), 'utf8');
    expect(config).toContain(`'${API_PREFIX}': {`);
    expect(config).toContain(`rewrite: (path) => path.replace(/^\\${API_PREFIX}/, '')`);
  });
});
