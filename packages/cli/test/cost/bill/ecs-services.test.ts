import { describe, expect, it } from 'vitest';
import { spotTasks } from '../../../src/cost/bill/pricers/ecs-services.ts';

describe('spotTasks', () => {
  const strategy = [
    { provider: 'FARGATE', base: 1, weight: 1 },
    { provider: 'FARGATE_SPOT', base: 0, weight: 3 },
  ];

  it('places the base first, then splits the rest by weight: 5 tasks = 1 + 4 x 3/4 = 3 on Spot', () => {
    expect(spotTasks(strategy, 5)).toBe(3);
  });

  it('keeps a single task on the provider with the base', () => {
    expect(spotTasks(strategy, 1)).toBe(0);
  });

  it('puts everything on Spot when only Spot has weight', () => {
    expect(spotTasks([{ provider: 'FARGATE_SPOT', base: 0, weight: 1 }], 2)).toBe(2);
  });
});
