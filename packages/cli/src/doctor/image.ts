import { ListImagesCommand } from '@aws-sdk/client-ecr';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { MIN_JAVA } from '@shoestring/dbtools';
import { parameterPrefix, RUNTIME_OUTPUT_KEYS } from '@shoestring/infra/preflight';
import { unlessMissing } from './missing.ts';
import { probeDocker, probeJava } from './tools.ts';
import type { CheckResult, DoctorContext } from './types.ts';

/**
 * Any image in the stage's repository (the name the runtime stack published). Without one the first deploy builds
 * it on this machine, so Docker is then required; with one it is only noted.
 */
export async function checkImageAndDocker(ctx: DoctorContext): Promise<CheckResult[]> {
  const image = await findImage(ctx);
  const docker = probeDocker(ctx.env);
  const dockerNeeded = image.status !== 'pass';
  const dockerResult: CheckResult =
    'version' in docker
      ? { name: 'docker', status: 'pass', detail: `${docker.version} (daemon running)` }
      : {
          name: 'docker',
          status: dockerNeeded ? 'fail' : 'note',
          detail: `${docker.missing}; ${dockerNeeded ? 'the first deploy builds the API image with it' : 'not needed while the pipeline builds the images'}`,
          fix: 'install Docker (or Docker Desktop) and start it',
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
      detail: `no runtime stack yet (${parameter} is missing): the first deploy builds and pushes the first image`,
    };
  }
  const images = await clients.ecr.send(new ListImagesCommand({ repositoryName: repository, maxResults: 1 }));
  const [first] = images.imageIds ?? [];
  if (!first) {
    return {
      name,
      status: 'note',
      detail: `${repository} is empty: the next deploy (or the first pipeline run) builds and pushes an image`,
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
