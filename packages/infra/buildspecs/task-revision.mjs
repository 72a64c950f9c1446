// Prints the input of `aws ecs register-task-definition` for a new revision of a task definition that runs
// another image in its first container: the migration task runs the migration image of the commit being
// released (<repository>:<commit>-migrate), and immutable tags mean each commit is a new image name (ADR 0124).
// Usage: node task-revision.mjs <describe-task-definition taskDefinition JSON file> <image URI>
import { readFileSync } from 'node:fs';

/** The fields RegisterTaskDefinition accepts; DescribeTaskDefinition adds read-only ones (arn, revision, ...). */
const REGISTERABLE = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'runtimePlatform',
  'ephemeralStorage',
];

export function revisionInput(taskDefinition, image) {
  const input = Object.fromEntries(
    REGISTERABLE.filter((key) => key in taskDefinition).map((k) => [k, taskDefinition[k]]),
  );
  const [first, ...others] = input.containerDefinitions ?? [];
  if (!first) throw new Error('the task definition has no container');
  return { ...input, containerDefinitions: [{ ...first, image }, ...others] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, image] = process.argv.slice(2);
  if (!file || !image) {
    console.error('usage: node task-revision.mjs TASK_DEFINITION_JSON IMAGE_URI');
    process.exit(1);
  }
  console.log(JSON.stringify(revisionInput(JSON.parse(readFileSync(file, 'utf8')), image)));
}
