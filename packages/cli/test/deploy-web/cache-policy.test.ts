import { describe, expect, it } from 'vitest';
import { contentTypeFor, isHashedAsset } from '../../src/deploy-web/index.ts';

describe('isHashedAsset', () => {
  it.each([
    'assets/index-BcD3fG7h.js',
    'assets/index-Bc-3fG7h.js',
    'assets/vendor-a1b2c3d4.css',
    'static/js/main.3f9a1c2e5d7b.js',
    'assets/logo-9xQ2mP4z.svg',
    'assets/index-BcD3fG7h.js.map',
  ])('%s is hashed: cached for a year', (key) => {
    expect(isHashedAsset(key)).toBe(true);
  });

  it.each([
    'index.html',
    'robots.txt',
    'favicon.ico',
    'apple-touch-icon.png',
    'android-chrome-192x192.png',
    'icons/icon-1024x1024.png',
    'images/background.png',
    'assets/my-component.js',
  ])('%s is a stable name: no-cache', (key) => {
    expect(isHashedAsset(key)).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app-Ab3dE5fG.JS', 'text/javascript; charset=utf-8'],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['assets/index-Ab3dE5fG.js.map', 'application/json; charset=utf-8'],
    ['legacy/loader.cjs', 'text/javascript; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['data.bin', 'application/octet-stream'],
  ])('%s is served as %s', (key, type) => {
    expect(contentTypeFor(key)).toBe(type);
  });
});
