import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StageConfig } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';
import { readCloudAssembly, type StackTemplate } from './template/read.ts';

export interface SynthesizeOptions {
  /** Only this stage. @default every stage of the config, as `npm run synth` writes them */
  readonly stage?: string;
  readonly log: (line: string) => void;
}

/**
 * The cost tool's one way to synthesize: the CDK app of a config file, built in this process the way `bin/app.ts`
 * builds it (`addStage` per stage), with construct paths in the templates. Loaded lazily: the CDK library is only
 * needed when there is something to synthesize.
 */
export async function synthesizeConfig(
  configPath: string,
  outdir: string,
  options: SynthesizeOptions,
): Promise<StageConfig[]> {
  const { addStage, createApp, loadAllStages, loadConfig } = await import('@shoestring/infra');
  const { stage } = options;
  let configs: StageConfig[];
  try {
    const file = path.resolve(configPath);
    configs = stage ? [await loadConfig(stage, { path: file })] : await loadAllStages({ path: file });
  } catch (error) {
    const what = stage ? `stage "${stage}" of ${configPath}` : configPath;
    throw new CliError(`cannot read ${what}: ${(error as Error).message}`);
  }
  options.log(`Synthesizing the CDK app (${configPath}) into ${outdir}...`);
  const started = Date.now();
  // The feature flags of cdk.json, as `cdk synth` applies them (createApp reads them).
  const app = createApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  for (const config of configs) addStage(app, config, {});
  app.synth();
  options.log(`Synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return configs;
}

/** One stage of another config file (`--diff other.config.ts`), synthesized into a temporary folder. */
export async function synthesizeConfigFile(
  configPath: string,
  stage: string,
  log: (line: string) => void,
): Promise<{ stacks: StackTemplate[]; usage: Record<string, unknown> }> {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-diff-')), 'cdk.out');
  const [config] = await synthesizeConfig(configPath, outdir, { stage, log });
  return { stacks: readCloudAssembly(outdir), usage: { ...config?.usage } };
}
