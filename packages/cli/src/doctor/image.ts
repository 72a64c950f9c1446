import { ListImagesCommand } from '@aws-sdk/client-ecr';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { MIN_JAVA } from '@shoestring/dbtools';
import { parameterPrefix, RUNTIME_OUTPUT_KEYS } from '@shoestring/infra/preflight';
import { unlessMissing } from './missing.ts';
import { probeDocker, probeJava } from './tools.ts';
import type { CheckResult, DoctorContext } from './types.ts';

/**
 * Any image in the stage's repository (the name the runtime stack published). Docker is only noted: the pipeline
 * builds every image, the first one too (`npm run deploy` releases it through the pipeline, ADR 0123).
 */
export async function checkImageAndDocker(ctx: DoctorContext): Promise<CheckResult[]> {
  const image = await findImage(ctx);
  const docker = probeDocker(ctx.env);
  const dockerResult: CheckResult =
    'version' in docker
      ? { name: 'docker', status: 'pass', detail: `${docker.version} (daemon running)` }
      : {
          name: 'docker',
          status: 'note',
          detail: `${docker.missing}; not needed: the pipeline builds the images, the first one too`,
        };
  return [image, dockerResult];
}

async function findImage({ config, clients }: DoctorContext): Promise<CheckResult> {
  const name = 'image';
  const parameter = `${parameterPrefix(config)}/${RUNTIME_OUTPUT_KEYS.ecrRepositoryName}`;
  const answer = await unlessMissing(clients.ssm.send(new GetParameterCommand({ Name: parameter })), [
    'ParameterNotFound',
  ]);
  const repository = answer?.Parameter?.Value;
  if (!repository) {
    return {
      name,
      status: 'note',
      detail: `no runtime stack yet (${parameter} is missing): the first deploy releases the first image through the pipeline`,
    };
  }
  const images = await clients.ecr.send(new ListImagesCommand({ repositoryName: repository, maxResults: 1 }));
  const [first] = images.imageIds ?? [];
  if (!first) {
    return {
      name,
      status: 'note',
      detail: `${repository} is empty: the next deploy releases the first image through the pipeline`,
    };
  }
  return {
    name,
    status: 'pass',
    detail: `${repository} has images (e.g. ${first.imageTag ?? first.imageDigest})`,
  };
}

/** Java runs Liquibase on this machine (`npm start`, `shoestring migrate`); the cloud runners bring their own. */
export async function checkJava({ env }: DoctorContext): Promise<CheckResult> {
  const java = probeJava(env);
  if ('version' in java) return { name: 'java', status: 'pass', detail: java.version };
  return {
    name: 'java',
    status: 'note',
    detail: `${java.missing}; only local Liquibase needs it (npm start, shoestring migrate), the pipeline's runner has its own`,
    fix: `install Java ${MIN_JAVA}+ (sudo apt-get install -y openjdk-17-jre-headless, or brew install openjdk@17)`,
  };
}
