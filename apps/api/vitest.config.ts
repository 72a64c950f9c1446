import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@shoestring/api',
    include: ['test/**/*.test.ts'],
    // One PostgreSQL + Liquibase run for all files; each file isolates itself with unique data.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
