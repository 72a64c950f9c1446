import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPA_FALLBACK_PATH } from '../../src/constructs/static-site.ts';

type Handler = (event: { request: { uri: string } }) => { uri: string };

/** Runs the CloudFront Function's source as CloudFront would: the file defines `handler`. */
const handler = new Function(`${readFileSync(SPA_FALLBACK_PATH, 'utf8')}; return handler;`)() as Handler;

describe('SPA fallback CloudFront Function', () => {
  it.each([
    ['/', '/index.html'],
    ['/products', '/index.html'],
    ['/orders/42/', '/index.html'],
    ['/assets/index-3f2a1b.js', '/assets/index-3f2a1b.js'],
    ['/favicon.ico', '/favicon.ico'],
    ['/robots.txt', '/robots.txt'],
  ])('GIVEN a request for %s WHEN handled THEN the origin is asked for %s', (uri, expected) => {
    expect(handler({ request: { uri } }).uri).toBe(expected);
  });
});
