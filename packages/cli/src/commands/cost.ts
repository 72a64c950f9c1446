import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { repoRoot } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';
import { buildBill } from '../cost/bill/build.ts';
import { diffBills } from '../cost/bill/diff.ts';
import type { Bill } from '../cost/bill/types.ts';
import { compareTradeOffs } from '../cost/compare/index.ts';
import { synthesizeConfigFile } from '../cost/config-synth.ts';
import { priceTableFor } from '../cost/prices/index.ts';
import { renderCompareMarkdown, renderCompareTable } from '../cost/render/compare.ts';
import { renderDiffMarkdown, renderDiffTable } from '../cost/render/diff.ts';
import { renderMarkdown } from '../cost/render/markdown.ts';
import { renderTable } from '../cost/render/table.ts';
import { loadStacks, loadUsage, stacksOfStage, usageFrom } from '../cost/source.ts';
import type { StackTemplate } from '../cost/template/read.ts';

const HELP = `Usage: shoestring cost [options]

Prices the synthesized CDK templates (cdk.out, synthesized first when missing or stale) with a committed,
dated us-east-1 price table and the usage profile of shoestring.config.ts: the monthly bill before you deploy.

Options:
  --stage NAME         the stage to price                                  default dev
  --json               machine-readable output
  --markdown           Markdown tables (for a pull request or docs)
  --compare            also price the seed design's trade-offs at this usage, with break-even points
  --diff OTHER         what changes from --stage to OTHER: a stage name, another config file
                       (*.ts, the same stage synthesized from it), or a usage JSON file
                       (same templates, other usage)
  --usage FILE         JSON object of usage fields overriding the config's usage section
  --template FILE      price this CloudFormation template instead of cdk.out (repeatable)
  --cdk-out DIR        the cloud assembly to read (and synthesize into when stale)
                       default packages/infra/cdk.out
  --no-synth           never synthesize, even when cdk.out is stale
  --region REGION      price table to use                        default: the stacks' region, else us-east-1
  -h, --help           this text

See docs/cost.md for the default bill line by line and how each line is computed.`;

/** Printed for --help and, by main, after an unknown option. */
export const usage = HELP;

interface CostOptions {
  readonly stage: string;
  readonly templates: string[];
  readonly cdkOut: string | undefined;
  readonly synth: boolean;
  readonly usageFile: string | undefined;
  readonly region: string | undefined;
}

export async function run(argv: string[]): Promise<number> {
  const values = parseOptions(argv);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.json && values.markdown) throw new CliError('choose one of --json and --markdown.');
  const options: CostOptions = {
    stage: values.stage,
    templates: values.template,
    cdkOut: values['cdk-out'],
    synth: !values['no-synth'],
    usageFile: values.usage,
    region: values.region,
  };
  const { bill, stacks } = await priceStage(options);
  const compare = values.compare
    ? compareTradeOffs(resourcesOf(stacks), bill.usage, priceTableFor(bill.region))
    : undefined;
  const diff = values.diff ? diffBills(bill, await otherBill(options, values.diff)) : undefined;

  if (values.json) {
    console.log(
      JSON.stringify(
        {
          bill,
          // every price with its source and date, so a JSON consumer can check any line
          prices: priceTableFor(bill.region),
          ...(compare && { compare }),
          ...(diff && { diff: { changes: diff.changes, deltaUsd: diff.deltaUsd, other: diff.after } }),
        },
        null,
        2,
      ),
    );
  } else {
    const markdown = values.markdown;
    const parts = [markdown ? renderMarkdown(bill) : renderTable(bill)];
    if (compare) parts.push(markdown ? renderCompareMarkdown(compare) : renderCompareTable(compare));
    if (diff) parts.push(markdown ? renderDiffMarkdown(diff) : renderDiffTable(diff));
    console.log(parts.join('\n\n'));
  }
  return 0;
}

async function priceStage(options: CostOptions): Promise<{ bill: Bill; stacks: StackTemplate[] }> {
  const root = repoRoot();
  const stacks = await loadStacks({ ...options, root, log: (line) => console.error(line) });
  const usage = await loadUsage(root, options.stage, options.usageFile);
  const prices = priceTableFor(options.region ?? regionOf(stacks));
  const bill = buildBill({ resources: resourcesOf(stacks), usage, prices, stage: options.stage });
  return { bill, stacks };
}

/** `--diff` names a stage, another config file (synthesized), or a usage file priced against the same templates. */
async function otherBill(options: CostOptions, other: string): Promise<Bill> {
  if (/\.m?ts$/.test(other)) {
    const { stacks, usage } = await synthesizeConfigFile(other, options.stage, (line) => console.error(line));
    const prices = priceTableFor(options.region ?? regionOf(stacks));
    const stageStacks = stacksOfStage(stacks, options.stage, other);
    return buildBill({
      resources: resourcesOf(stageStacks),
      usage: usageFrom(usage, `${other} (stage ${options.stage})`, options.usageFile),
      prices,
      stage: `${options.stage} of ${other}`,
    });
  }
  if (other.endsWith('.json') || existsSync(other)) {
    const { bill } = await priceStage({ ...options, usageFile: other });
    return { ...bill, stage: `${options.stage} with ${other}` };
  }
  return (await priceStage({ ...options, stage: other })).bill;
}

function resourcesOf(stacks: StackTemplate[]) {
  return stacks.flatMap((s) => s.resources);
}

function regionOf(stacks: StackTemplate[]): string {
  const regions = [...new Set(stacks.map((s) => s.region).filter((r): r is string => r !== undefined))];
  if (regions.length > 1)
    throw new CliError(`the stacks span regions ${regions.join(', ')}; price one with --region.`);
  return regions[0] ?? 'us-east-1';
}

const OPTIONS = {
  stage: { type: 'string', default: 'dev' },
  json: { type: 'boolean', default: false },
  markdown: { type: 'boolean', default: false },
  compare: { type: 'boolean', default: false },
  diff: { type: 'string' },
  usage: { type: 'string' },
  template: { type: 'string', multiple: true, default: [] as string[] },
  'cdk-out': { type: 'string' },
  'no-synth': { type: 'boolean', default: false },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** The options, or a CliError naming the bad one (parseArgs throws a TypeError with a stack). */
/** An unknown option throws ERR_PARSE_ARGS_UNKNOWN_OPTION, and main prints the usage above, like every command. */
function parseOptions(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS }).values;
}
