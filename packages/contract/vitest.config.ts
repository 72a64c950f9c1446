import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@shoestring/contract',
    include: ['test/**/*.test.ts'],
  },
});
