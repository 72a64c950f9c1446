import { kmsKeysMonthly, parameterStoreMonthly, secretsManagerMonthly } from '../../models/secrets.ts';
import { label, literalString, resourceKey } from '../../template/values.ts';
import { line, type Pricer } from '../types.ts';

/** Secrets are read when tasks start: about one call per secret per task per deploy. */
export const priceSecrets: Pricer = (secrets, ctx) =>
  secrets.map((secret) => {
    const calls = ctx.usage.deploysPerMonth * Math.max(1, ctx.usage.avgTaskCount);
    const charge = secretsManagerMonthly(ctx.prices, 1, calls);
    return line(ctx.componentOf(secret), `Secrets Manager secret ${label(secret)}`, 'fixed', charge, [
      resourceKey(secret),
    ]);
  });

export const priceParameters: Pricer = (parameters, ctx) =>
  parameters.map((parameter) => {
    const component = ctx.componentOf(parameter);
    const keys = [resourceKey(parameter)];
    const item = `SSM parameter ${label(parameter)}`;
    if (literalString(parameter.properties.Tier) === 'Advanced') {
      return line(component, `${item} (advanced)`, 'fixed', parameterStoreMonthly(ctx.prices, 1), keys);
    }
    return {
      component,
      item,
      kind: 'free' as const,
      usd: 0,
      how: 'standard tier parameters are free',
      resources: keys,
    };
  });

export const priceKmsKeys: Pricer = (keys, ctx) =>
  keys.map((key) =>
    line(ctx.componentOf(key), `KMS key ${label(key)}`, 'fixed', kmsKeysMonthly(ctx.prices, 1), [
      resourceKey(key),
    ]),
  );
