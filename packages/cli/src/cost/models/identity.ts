import type { PriceTable } from '../prices/index.ts';
import { beyondFree, type Charge } from './charge.ts';

/** Cognito user-pool feature plans, as CloudFormation's `UserPoolTier` names them. */
export type CognitoPlan = 'lite' | 'essentials' | 'plus';

/** A user pool bills by monthly active users only; Lite and Essentials have a free allowance, Plus none. */
export function cognitoMonthly(prices: PriceTable, plan: CognitoPlan, monthlyActiveUsers: number): Charge {
  const free = plan === 'plus' ? 0 : prices.cognitoMauFree.amount;
  return beyondFree(monthlyActiveUsers, 'MAU', free, prices.cognitoMau[plan].usd);
}
