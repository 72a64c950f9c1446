import { kmsKeysMonthly, parameterStoreMonthly, secretsManagerMonthly } from '../../models/secrets.ts';
import { label, literalString, resourceKey } from '../../template/values.ts';
import { type BillLine, line, type Pricer } from '../types.ts';

/** Secrets are read when tasks start: about one call per secret per task per deploy. */
export const priceSecrets: Pricer = (secrets, ctx) =>
  secrets.map((secret) => {
    const calls = ctx.usage.deploysPerMonth * Math.max(1, ctx.usage.avgTaskCount);
    const charge = secretsManagerMonthly(ctx.prices, 1, calls);
    return line(ctx.componentOf(secret), `Secrets Manager secret ${label(secret)}`, 'fixed', charge, [
      resourceKey(secret),
    ]);
  });

/** Advanced parameters bill one by one; standard ones are free and listed together. */
export const priceParameters: Pricer = (parameters, ctx) => {
  const advanced = parameters.filter((p) => literalString(p.properties.Tier) === 'Advanced');
  const standard = parameters.filter((p) => !advanced.includes(p));
  const lines: BillLine[] = advanced.map((p) =>
    line(
      ctx.componentOf(p),
      `SSM parameter ${label(p)} (advanced)`,
      'fixed',
      parameterStoreMonthly(ctx.prices, 1),
      [resourceKey(p)],
    ),
  );
  if (standard.length > 0) {
    const item = `SSM standard parameters x${standard.length}`;
    lines.push({
      component: 'secrets',
      item,
      kind: 'free',
      usd: 0,
      how: 'standard tier parameters are free',
      resources: standard.map(resourceKey),
    });
  }
  return lines;
};

export const priceKmsKeys: Pricer = (keys, ctx) =>
  keys.map((key) =>
    line(ctx.componentOf(key), `KMS key ${label(key)}`, 'fixed', kmsKeysMonthly(ctx.prices, 1), [
      resourceKey(key),
    ]),
  );
