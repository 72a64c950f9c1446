import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@shoestring/web',
    include: ['test/**/*.test.{ts,tsx}'],
    // The end-to-end test boots PostgreSQL, runs migrations and drives a real browser: minutes, not seconds.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
