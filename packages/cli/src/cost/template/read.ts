import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../../cli-error.ts';

/** One resource of a synthesized template, with the CDK construct path when the template carries it. */
export interface TemplateResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** `aws:cdk:path` metadata, e.g. `Shoestring-dev/Compute/Service/Service`. */
  readonly cdkPath: string | undefined;
}

export interface StackTemplate {
  readonly name: string;
  /** The CDK stage (nested cloud assembly) the stack belongs to; undefined at the top level. */
  readonly stage: string | undefined;
  readonly region: string | undefined;
  readonly resources: readonly TemplateResource[];
}

interface ManifestArtifact {
  type?: string;
  displayName?: string;
  environment?: string;
  properties?: { templateFile?: string; directoryName?: string; stackName?: string };
}

/** Every stack of a cloud assembly (`cdk.out`), nested stage assemblies included. */
export function readCloudAssembly(dir: string, stage?: string): StackTemplate[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new CliError(`no cloud assembly at ${dir} (manifest.json missing). Run \`npm run synth\` first.`);
  }
  const manifest = parseJson(manifestFile) as { artifacts?: Record<string, ManifestArtifact> };
  const stacks: StackTemplate[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const props = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && props.templateFile) {
      const region = artifact.environment?.split('/').pop();
      const name = props.stackName ?? id;
      stacks.push(readStack(path.join(dir, props.templateFile), name, stage, validRegion(region)));
    } else if (artifact.type === 'cdk:cloud-assembly' && props.directoryName) {
      stacks.push(...readCloudAssembly(path.join(dir, props.directoryName), artifact.displayName ?? id));
    }
  }
  return stacks;
}

/** One CloudFormation template file (JSON), priced as a stack of its own. */
export function readTemplateFile(file: string): StackTemplate {
  if (!existsSync(file)) throw new CliError(`template ${file} does not exist.`);
  return readStack(file, path.basename(file).replace(/\.template\.json$|\.json$/, ''), undefined, undefined);
}

function readStack(
  file: string,
  name: string,
  stage: string | undefined,
  region: string | undefined,
): StackTemplate {
  const template = parseJson(file) as { Resources?: Record<string, unknown> };
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object') {
    throw new CliError(`${file} is not a CloudFormation template (no Resources section).`);
  }
  const resources = Object.entries(template.Resources ?? {}).map(([logicalId, raw]) => {
    const r = raw as {
      Type?: unknown;
      Properties?: Record<string, unknown>;
      Metadata?: Record<string, unknown>;
    };
    if (typeof r?.Type !== 'string') throw new CliError(`${file}: resource ${logicalId} has no Type.`);
    const cdkPath = r.Metadata?.['aws:cdk:path'];
    return {
      stack: name,
      logicalId,
      type: r.Type,
      properties: r.Properties ?? {},
      cdkPath: typeof cdkPath === 'string' ? cdkPath : undefined,
    };
  });
  return { name, stage, region, resources };
}

/** `unknown-region` is what CDK writes for environment-agnostic stacks. */
function validRegion(region: string | undefined): string | undefined {
  return region && region !== 'unknown-region' ? region : undefined;
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}
