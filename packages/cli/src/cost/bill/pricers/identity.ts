import { type CognitoPlan, cognitoMonthly } from '../../models/identity.ts';
import { label, literalString, resourceKey } from '../../template/values.ts';
import { line, type Pricer } from '../types.ts';

/**
 * Cognito user pools: every active user of the month counts in each pool they use, so each pool is priced at the
 * profile's `monthlyActiveUsers`. A pool without `UserPoolTier` is on Essentials, AWS's default for new pools.
 */
export const priceUserPools: Pricer = (pools, ctx) =>
  pools.map((pool) => {
    const plan = (literalString(pool.properties.UserPoolTier) ?? 'ESSENTIALS').toLowerCase() as CognitoPlan;
    return line(
      ctx.componentOf(pool),
      `Cognito user pool ${label(pool)} (${plan}) monthly active users`,
      'usage',
      cognitoMonthly(ctx.prices, plan, ctx.usage.monthlyActiveUsers),
      [resourceKey(pool)],
    );
  });
