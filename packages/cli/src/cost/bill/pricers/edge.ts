import { cloudFrontMonthly, s3StorageMonthly } from '../../models/edge.ts';
import type { TemplateResource } from '../../template/read.ts';
import { label, refersTo, resourceKey } from '../../template/values.ts';
import { line, type Pricer, type PricingContext } from '../types.ts';

/** The site bucket (a CloudFront origin) holds the site; other buckets (artifacts, logs) hold `bucketGbStored`. */
export const priceBuckets: Pricer = (buckets, ctx) =>
  buckets.map((bucket) => {
    const site = isCloudFrontOrigin(bucket, ctx);
    const gb = site ? ctx.usage.siteGbStored : ctx.usage.bucketGbStored;
    const item = `S3 storage ${label(bucket)}${site ? ' (site)' : ''}`;
    return line(ctx.componentOf(bucket), item, 'usage', s3StorageMonthly(ctx.prices, gb), [
      resourceKey(bucket),
    ]);
  });

function isCloudFrontOrigin(bucket: TemplateResource, ctx: PricingContext): boolean {
  return ctx
    .byType('AWS::CloudFront::Distribution')
    .some((d) => d.stack === bucket.stack && refersTo(d.properties, bucket.logicalId));
}

/** The usage profile's site traffic, once for all distributions (the always-free tier is per account). */
export const priceDistributions: Pricer = (distributions, ctx) => [
  line(
    ctx.componentOf(distributions[0]!),
    `CloudFront data out and requests (${distributions.map(label).join(', ')})`,
    'usage',
    cloudFrontMonthly(ctx.prices, ctx.usage.siteGbOut, ctx.usage.siteRequestsPerMonth),
    distributions.map(resourceKey),
  ),
];
