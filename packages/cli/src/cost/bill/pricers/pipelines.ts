import { num } from '../../models/charge.ts';
import {
  codeBuildKey,
  codeBuildMonthly,
  codePipelineV1Monthly,
  codePipelineV2Monthly,
} from '../../models/pipelines.ts';
import type { TemplateResource } from '../../template/read.ts';
import { asArray, asRecord, label, literalString, resourceKey } from '../../template/values.ts';
import { type BillLine, line, notPriced, type Pricer, type PricingContext } from '../types.ts';

/**
 * Minutes one run of a project takes. The usage profile gives the build minutes of a whole deploy (image build
 * plus migration, provisioning included); they are split evenly over the CodeBuild projects, each run once a deploy.
 */
export function minutesPerRun(ctx: PricingContext): number {
  const projects = ctx.byType('AWS::CodeBuild::Project').length;
  return projects === 0 ? 0 : ctx.usage.buildMinutesPerDeploy / projects;
}

/** Each project runs once per deploy. The always-free general1.small minutes go to the first small projects. */
export const priceCodeBuildProjects: Pricer = (projects, ctx) => {
  let freeLeft = ctx.prices.codeBuildFree.amount;
  return projects.map((project) => {
    const env = asRecord(project.properties.Environment);
    const key = codeBuildKey(
      literalString(env.Type) ?? 'unknown',
      literalString(env.ComputeType) ?? 'unknown',
    );
    const perRun = minutesPerRun(ctx);
    const minutes = ctx.usage.deploysPerMonth * perRun;
    const inVpc = project.properties.VpcConfig !== undefined ? ', in VPC' : '';
    const item = `CodeBuild ${label(project)} (${computeName(key)}${inVpc})`;
    const keys = [resourceKey(project)];
    const priced = codeBuildMonthly(ctx.prices, key, minutes, freeLeft);
    if (!priced)
      return notPriced(
        ctx.componentOf(project),
        item,
        `build environment ${key} is not in the price table`,
        keys,
      );
    freeLeft = priced.freeMinutesLeft;
    const how = `${num(ctx.usage.deploysPerMonth)} deploys x ${num(perRun)} min: ${priced.charge.how}`;
    return line(ctx.componentOf(project), item, 'usage', { usd: priced.charge.usd, how }, keys);
  });
};

/**
 * V2 pipelines bill action minutes account-wide: a CodeBuild action lasts as long as its build, other actions
 * about a minute; manual approvals are left out (waiting for a person is not an action execution minute we can size).
 */
export const priceCodePipelines: Pricer = (pipelines, ctx) => {
  const v2 = pipelines.filter((p) => literalString(p.properties.PipelineType) === 'V2');
  const v1 = pipelines.filter((p) => literalString(p.properties.PipelineType) !== 'V2');
  const lines: BillLine[] = [];
  if (v2.length > 0) {
    const perRun = v2.reduce((sum, p) => sum + actionMinutesPerRun(p, ctx), 0);
    const minutes = perRun * ctx.usage.deploysPerMonth;
    const charge = codePipelineV2Monthly(ctx.prices, minutes);
    const how = `${num(ctx.usage.deploysPerMonth)} deploys x ${num(perRun)} action min: ${charge.how}`;
    const item = `CodePipeline V2 action minutes (${v2.map(label).join(', ')})`;
    lines.push(line(ctx.componentOf(v2[0]!), item, 'usage', { usd: charge.usd, how }, v2.map(resourceKey)));
  }
  if (v1.length > 0) {
    const item = `CodePipeline V1 active pipelines (${v1.map(label).join(', ')})`;
    lines.push(
      line(
        ctx.componentOf(v1[0]!),
        item,
        'fixed',
        codePipelineV1Monthly(ctx.prices, v1.length),
        v1.map(resourceKey),
      ),
    );
  }
  return lines;
};

function actionMinutesPerRun(pipeline: TemplateResource, ctx: PricingContext): number {
  const actions = asArray(pipeline.properties.Stages).flatMap((stage) =>
    asArray(asRecord(stage).Actions).map(asRecord),
  );
  return actions.reduce((sum, action) => {
    const type = asRecord(action.ActionTypeId);
    if (literalString(type.Category) === 'Approval') return sum;
    if (literalString(type.Provider) !== 'CodeBuild') return sum + 1;
    return sum + minutesPerRun(ctx);
  }, 0);
}

/** `ARM_CONTAINER/BUILD_GENERAL1_SMALL` -> `arm1.small`, `LINUX_CONTAINER/BUILD_GENERAL1_MEDIUM` -> `general1.medium`. */
function computeName(key: string): string {
  const [environment, compute] = key.split('/');
  const size = compute?.replace(/^BUILD_GENERAL1_/, '').toLowerCase() ?? 'unknown';
  return environment === 'ARM_CONTAINER'
    ? `arm1.${size}`
    : environment === 'LINUX_CONTAINER'
      ? `general1.${size}`
      : key;
}
