import { num } from '../../models/charge.ts';
import { ecrStorageMonthly } from '../../models/pipelines.ts';
import type { TemplateResource } from '../../template/read.ts';
import {
  asArray,
  asRecord,
  label,
  literalNumber,
  literalString,
  resourceKey,
} from '../../template/values.ts';
import { type BillLine, line, type Pricer, type PricingContext } from '../types.ts';

/** Each repository holds as many images as its lifecycle rule keeps, else `usage.imagesStored`. */
export const priceEcrRepositories: Pricer = (repositories, ctx) =>
  repositories.map((repo) =>
    line(ctx.componentOf(repo), `ECR images (${label(repo)})`, 'usage', ecrImages(ctx, imagesKept(repo)), [
      resourceKey(repo),
    ]),
  );

/** `imageCountMoreThan N` on any tag: at steady state the repository holds N images. */
export function imagesKept(repo: TemplateResource): number | undefined {
  const text = literalString(asRecord(repo.properties.LifecyclePolicy).LifecyclePolicyText);
  if (!text) return undefined;
  let rules: unknown[];
  try {
    rules = asArray(asRecord(JSON.parse(text)).rules);
  } catch {
    return undefined;
  }
  const counts = rules
    .map((rule) => asRecord(asRecord(rule).selection))
    .filter((selection) => selection.countType === 'imageCountMoreThan' && selection.tagStatus === 'any')
    .map((selection) => literalNumber(selection.countNumber))
    .filter((count): count is number => count !== undefined);
  return counts.length > 0 ? Math.min(...counts) : undefined;
}

function ecrImages(ctx: PricingContext, kept: number | undefined) {
  const images = kept ?? ctx.usage.imagesStored;
  const charge = ecrStorageMonthly(ctx.prices, ctx.usage.imageGb * images);
  const source = kept === undefined ? 'usage.imagesStored' : 'kept by the lifecycle rule';
  return {
    usd: charge.usd,
    how: `${num(images)} images (${source}) x ${num(ctx.usage.imageGb)} GB: ${charge.how}`,
  };
}

/** Images built by CDK assets live in the bootstrap repository, outside the app's templates. */
export function priceBootstrapImages(ctx: PricingContext): BillLine[] {
  if (ctx.byType('AWS::ECR::Repository').length > 0) return [];
  const users = ctx
    .byType('AWS::ECS::TaskDefinition')
    .filter((td) =>
      asArray(td.properties.ContainerDefinitions).some((c) =>
        JSON.stringify(asRecord(c).Image ?? '').includes('container-assets'),
      ),
    );
  if (users.length === 0) return [];
  return [
    line(
      'compute',
      'ECR images (CDK bootstrap assets repository)',
      'usage',
      ecrImages(ctx, undefined),
      users.map(resourceKey),
    ),
  ];
}
