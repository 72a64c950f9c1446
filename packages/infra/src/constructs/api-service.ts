import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { CONTAINER_PORT, OBSERVABILITY_DEFAULTS, SERVICE_DEFAULTS } from '../config/defaults.ts';
import { REQUEST_TIMEOUT_SECONDS, stopTimeoutSeconds } from '../config/schema/service.ts';
import type { ServiceSettings } from '../config/types.ts';
import { ADOT_COLLECTOR_MEMORY_MIB, addAdotCollector, addScratchVolume } from './adot-collector.ts';

/**
 * The awslogs driver's buffer for the API container's lines while CloudWatch Logs is slow: about ten seconds of a
 * task's request lines at 3000 requests per second (some 250 bytes each). Beyond it, lines are dropped.
 */
export const API_LOG_BUFFER_MIB = 8;

/** uid of the `node` user of the official Node.js images the API image is built on (apps/api/Dockerfile). */
export const API_CONTAINER_USER = '1000';

/** Task size, Spot share, scaling and drain of a service; each defaults to the config's (`SERVICE_DEFAULTS`). */
type ServiceSizing = Partial<Omit<ServiceSettings, 'modules' | 'routingPolicy'>>;

export interface ApiServiceProps extends ServiceSizing {
  readonly cluster: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  /** Public subnets; tasks get public IPs there, so no NAT is needed (aws-facts: amazon-ecs-agent#1128). */
  readonly subnets: ec2.SubnetSelection;
  readonly repository: ecr.IRepository;
  /** Cloud Map service (SRV + A records) the tasks register in. */
  readonly cloudMapService: servicediscovery.IService;
  /** Plain environment of the API container (no secrets). */
  readonly environment: Record<string, string>;
  /** Secrets of the API container (e.g. `DB_PASSWORD`). */
  readonly secrets: Record<string, ecs.Secret>;
  /** Collector YAML for the ADOT sidecar. */
  readonly collectorConfig: string;
  readonly metricsLogGroup: logs.ILogGroup;
  /** @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Tag of the API image in `repository`: a commit tag the pipeline deployed, resolved from its parameter, or
   * `NO_IMAGE_TAG` with zero tasks (ADR 0124). Tags are immutable; there is no `latest`.
   */
  readonly imageTag: string;
  /** @default CONTAINER_PORT */
  readonly containerPort?: number;
  /**
   * Create the service with zero tasks and no autoscaling, for the first deploy before any image is in ECR. Leave
   * it off afterwards: a `DesiredCount` in the template is re-applied on every service update.
   * @default false - the desired count is left to autoscaling
   */
  readonly startWithZeroTasks?: boolean;
}

/**
 * One Fargate service of the modular monolith: the API image plus the ADOT collector sidecar, in public subnets
 * with a public IP, registered in Cloud Map, autoscaled on CPU and memory, rolled back by the circuit breaker.
 *
 * ### Cost
 * ARM 0.25 vCPU / 0.5 GB: $0.03238 x 0.25 + $0.00356 x 0.5 = $0.00988/h = $7.21/mo per task; x86 $9.01/mo;
 * public IPv4 $3.65/mo per task (AWS Fargate and VPC pricing, 2026). Logs $0.50 per GB ingested (CloudWatch pricing, 2026-11).
 */
export class ApiService extends Construct {
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition (API container `api` plus `otel-collector`). */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The API container. */
  public readonly container: ecs.ContainerDefinition;
  /** The tasks' security group: admits the container port only from the sources added with `allowFrom`. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The Cloud Map service the tasks register in. */
  public readonly cloudMapService: servicediscovery.IService;
  /** Log group of both containers. */
  public readonly logGroup: logs.LogGroup;
  private readonly containerPort: number;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    this.containerPort = props.containerPort ?? CONTAINER_PORT;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays),
    });
    this.taskDefinition = this.createTaskDefinition(props);
    this.container = this.addApiContainer(props);
    addAdotCollector(this.taskDefinition, {
      config: props.collectorConfig,
      logGroup: this.logGroup,
      metricsLogGroup: props.metricsLogGroup,
      serviceName: props.environment.OTEL_SERVICE_NAME ?? id,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'API tasks: container port from the VPC link and peer services only',
    });
    this.service = this.createService(props);
    this.cloudMapService = props.cloudMapService;
    this.service.associateCloudMapService({
      service: props.cloudMapService,
      container: this.container,
      containerPort: this.containerPort,
    });
    // Registering the scalable target raises the count to minTasks at once (RegisterScalableTarget), which would
    // start tasks on an image that does not exist yet: a first deploy leaves autoscaling to the next deploy.
    if (!props.startWithZeroTasks) this.addAutoscaling(props);
  }

  /** Admits `peer` on the container port (the VPC link, peer services). */
  allowFrom(peer: ec2.ISecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(this.containerPort), description);
  }

  private createTaskDefinition(props: ApiServiceProps): ecs.FargateTaskDefinition {
    const arm = (props.architecture ?? SERVICE_DEFAULTS.architecture) === 'arm64';
    return new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? SERVICE_DEFAULTS.cpu,
      memoryLimitMiB: props.memoryMiB ?? SERVICE_DEFAULTS.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: arm ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
  }

  private addApiContainer(props: ApiServiceProps): ecs.ContainerDefinition {
    const drainSeconds = props.drainSeconds ?? SERVICE_DEFAULTS.drainSeconds;
    const container = this.taskDefinition.addContainer('api', {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
      essential: true,
      // The image's unprivileged `node` user (uid 1000); a read-only root filesystem with a writable /tmp; a hard
      // memory limit of what the task has left beside the collector (AWS Control Tower CT.ECS.PR.3, .6 and .7).
      user: API_CONTAINER_USER,
      readonlyRootFilesystem: true,
      memoryLimitMiB: (props.memoryMiB ?? SERVICE_DEFAULTS.memoryMiB) - ADOT_COLLECTOR_MEMORY_MIB,
      portMappings: [{ containerPort: this.containerPort, name: 'http' }],
      environment: {
        ...props.environment,
        PORT: String(this.containerPort),
        DRAIN_SECONDS: String(drainSeconds),
        REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_SECONDS * 1000),
      },
      secrets: props.secrets,
      // Non-blocking (ECS's default since 2025-06-25, stated so an account setting cannot undo it): the API writes
      // its log batches synchronously, so a slow CloudWatch Logs must fill the driver's buffer, not stall requests.
      logging: ecs.LogDrivers.awsLogs({
        logGroup: this.logGroup,
        streamPrefix: 'api',
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(API_LOG_BUFFER_MIB),
      }),
      // Drain, then in-flight requests, then closing: ECS never SIGKILLs a task still answering (the schema caps
      // drainSeconds so this stays within ECS's 120 s).
      stopTimeout: Duration.seconds(stopTimeoutSeconds(drainSeconds)),
      healthCheck: {
        command: ['CMD', 'node', 'dist/healthcheck.js'],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });
    addScratchVolume(this.taskDefinition, container);
    return container;
  }

  private createService(props: ApiServiceProps): ecs.FargateService {
    const spot = props.spotPercent ?? SERVICE_DEFAULTS.spotPercent;
    return new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      vpcSubnets: props.subnets,
      assignPublicIp: true,
      securityGroups: [this.securityGroup],
      desiredCount: props.startWithZeroTasks ? 0 : undefined,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      capacityProviderStrategies:
        spot > 0
          ? [
              { capacityProvider: 'FARGATE', weight: 100 - spot, base: 1 },
              { capacityProvider: 'FARGATE_SPOT', weight: spot },
            ]
          : undefined,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
  }

  private addAutoscaling(props: ApiServiceProps): void {
    const scaling = this.service.autoScaleTaskCount({
      minCapacity: props.minTasks ?? SERVICE_DEFAULTS.minTasks,
      maxCapacity: props.maxTasks ?? SERVICE_DEFAULTS.maxTasks,
    });
    const cooldowns = { scaleInCooldown: Duration.seconds(120), scaleOutCooldown: Duration.seconds(60) };
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: props.cpuTargetPercent ?? SERVICE_DEFAULTS.cpuTargetPercent,
      ...cooldowns,
    });
    scaling.scaleOnMemoryUtilization('Memory', {
      targetUtilizationPercent: props.memoryTargetPercent ?? SERVICE_DEFAULTS.memoryTargetPercent,
      ...cooldowns,
    });
  }
}
