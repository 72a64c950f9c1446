import { Duration, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';

/** The ADOT collector image, pinned (X-Ray daemon is in maintenance; aws-facts: "xray-daemon-eos"). */
/**
 * Hard memory limit of the collector sidecar: it uses about 50-70 MiB at this scale; the API container gets the rest
 * of the task's memory.
 */
export const ADOT_COLLECTOR_MEMORY_MIB = 128;
/** uid:gid of the `aoc` user the ADOT collector image runs as. */
export const ADOT_COLLECTOR_USER = '10001:10001';

export const ADOT_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.47.0';

export interface AdotCollectorOptions {
  /** Collector YAML (`observability/collector-<metrics>.yaml`, read by `readObservabilityCollectorConfig`). */
  readonly config: string;
  /** Log group the container's own logs go to. */
  readonly logGroup: logs.ILogGroup;
  /** Log group the `awsemf` exporter writes metrics to. */
  readonly metricsLogGroup: logs.ILogGroup;
  /** `OTEL_SERVICE_NAME`, also the EMF log stream. */
  readonly serviceName: string;
}

/**
 * Adds the ADOT collector sidecar to a task: it receives OTLP on localhost:4317/4318, scrapes the API's
 * Prometheus endpoint and exports traces to X-Ray and metrics to CloudWatch EMF (or AMP). Not essential: a
 * crashed collector loses telemetry, never requests.
 */
export function addAdotCollector(
  task: ecs.TaskDefinition,
  options: AdotCollectorOptions,
): ecs.ContainerDefinition {
  const container = task.addContainer('otel-collector', {
    image: ecs.ContainerImage.fromRegistry(ADOT_COLLECTOR_IMAGE),
    essential: false,
    memoryReservationMiB: 64,
    memoryLimitMiB: ADOT_COLLECTOR_MEMORY_MIB,
    // The image's own unprivileged user; nothing on the root filesystem is written (Control Tower CT.ECS.PR.3/.6).
    user: ADOT_COLLECTOR_USER,
    readonlyRootFilesystem: true,
    environment: {
      AOT_CONFIG_CONTENT: options.config,
      EMF_LOG_GROUP: options.metricsLogGroup.logGroupName,
      OTEL_SERVICE_NAME: options.serviceName,
    },
    logging: ecs.LogDrivers.awsLogs({ logGroup: options.logGroup, streamPrefix: 'otel' }),
    healthCheck: {
      command: ['CMD', '/healthcheck'],
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      retries: 3,
      startPeriod: Duration.seconds(10),
    },
  });
  // `${env:...}` is the collector's own substitution syntax, not a CloudFormation parameter.
  Validations.of(task).acknowledge({
    id: 'CloudFormation-Validate::E1029',
    reason:
      'The collector config uses env:VAR placeholders that the collector, not CloudFormation, resolves.',
  });
  task.addToTaskRolePolicy(
    new iam.PolicyStatement({
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ],
      resources: ['*'],
    }),
  );
  options.metricsLogGroup.grantWrite(task.taskRole);
  addScratchVolume(task, container);
  return container;
}

/**
 * A task-scoped, empty volume at /tmp for a container whose root filesystem is read-only (Node.js, the collector
 * and the AWS SDKs write temporary files there, if anywhere). Fargate ephemeral storage; nothing persists.
 */
export function addScratchVolume(task: ecs.TaskDefinition, container: ecs.ContainerDefinition): void {
  const name = `${container.containerName}-tmp`;
  task.addVolume({ name });
  container.addMountPoints({ sourceVolume: name, containerPath: '/tmp', readOnly: false });
}
