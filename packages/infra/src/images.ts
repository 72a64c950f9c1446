/**
 * How a stage's task definitions name their image (ADR 0124). Tags are immutable in ECR, nothing moves `latest`:
 * the backend pipeline's Record stage, after Deploy, writes the tag it deployed to the SSM String parameter
 * `/<project>/<stage>/ecr/deployed-tag`, and the runtime template resolves the tag from that parameter at every
 * deploy, so a `cdk deploy` lands on the image that was last approved, migrated and deployed.
 */

/** Key, under the stage's parameter prefix, of the parameter the pipeline writes after Deploy (not CloudFormation). */
export const DEPLOYED_TAG_KEY = 'ecr/deployed-tag';

/**
 * The tag the task definitions name on a first deploy, before any image exists (`npm run deploy` detects it): the
 * services are created with zero tasks, so nothing ever pulls it.
 */
export const NO_IMAGE_TAG = 'no-image-yet';

/** `/shoestring/dev` + `ecr/deployed-tag`. */
export function deployedTagParameter(prefix: string): string {
  return `${prefix}/${DEPLOYED_TAG_KEY}`;
}
