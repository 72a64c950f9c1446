import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError } from '../cli-error.ts';
import { readCloudAssembly, type StackTemplate } from './template/read.ts';

/**
 * Synthesizes one stage of another config file (for `--diff other.config.ts`) into a temporary folder, the way
 * `bin/app.ts` does for the repository's config. Loaded lazily: the CDK library is only needed here.
 */
export async function synthesizeConfigFile(
  configPath: string,
  stage: string,
  log: (line: string) => void,
): Promise<{ stacks: StackTemplate[]; usage: Record<string, unknown> }> {
  const { addStage, createApp, readConfigFile, resolveStage } = await import('@shoestring/infra');
  let config: ReturnType<typeof resolveStage>;
  try {
    const input = await readConfigFile(path.resolve(configPath));
    config = resolveStage(input, stage, {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION,
    });
  } catch (error) {
    throw new CliError(`cannot read stage "${stage}" of ${configPath}: ${(error as Error).message}`);
  }
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-diff-')), 'cdk.out');
  log(`Synthesizing stage ${stage} of ${configPath} into ${outdir}...`);
  const app = createApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  addStage(app, config, {});
  app.synth();
  return { stacks: readCloudAssembly(outdir), usage: { ...config.usage } };
}
