import {
  type ContainerEnvironment,
  containerEnvironmentProblems,
  type DbSslMode,
  moduleUrlVariable,
} from '@shoestring/contract';
import { RemovalPolicy, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONTAINER_PORT, OBSERVABILITY_DEFAULTS, SERVICE_DEFAULTS } from '../config/defaults.ts';
import type { ServiceSettings } from '../config/types.ts';
import { acknowledge } from './acknowledge.ts';
import { ApiService } from './api-service.ts';
import type { Database } from './database.ts';
import { DEPLOYED_IMAGE_TAG_PREFIX, DEPLOYED_IMAGES_KEPT, OTHER_IMAGES_KEPT } from './image-tags.ts';
import type { ServiceDiscovery } from './service-discovery.ts';

export interface ComputeProps {
  readonly vpc: ec2.IVpc;
  /** Public subnets of the tasks. */
  readonly subnets: ec2.SubnetSelection;
  readonly discovery: ServiceDiscovery;
  readonly database: Database;
  /** Services by Cloud Map name. @default { api: SERVICE_DEFAULTS } (via the config) */
  readonly services: Readonly<Record<string, ServiceSettings>>;
  /** ADOT collector YAML. */
  readonly collectorConfig: string;
  /** @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
  /** Image tag the task definitions reference (see `ApiServiceProps.imageTag`); never a moving tag. */
  readonly imageTag: string;
  /** See `ApiServiceProps.startWithZeroTasks`. @default false */
  readonly startWithZeroTasks?: boolean;
  /**
   * The token issuer the API verifies bearer tokens against (`AUTH_*` variables).
   * @default undefined - no issuer: the API refuses every operation that needs a token
   */
  readonly auth?: ApiAuthSettings;
  /**
   * The service credential split services send each other on internal operations (`INTERNAL_API_TOKEN`).
   * @default undefined - none; with one service nothing internal is called over the network
   */
  readonly internalToken?: ecs.Secret;
}

/** What the API needs to verify access tokens itself. */
export interface ApiAuthSettings {
  readonly issuer: string;
  /** Accepted `aud` / `client_id` values. */
  readonly audience: readonly string[];
  readonly jwksUrl: string;
}

/**
 * The seed's compute: an ECS cluster, the ECR repository of the API image and one Fargate service per
 * configured service of the modular monolith (default: one `api` service running every module). A service learns
 * which modules it runs (`MODULES`) and where the others are (`<MODULE>_URL`, a Cloud Map name).
 *
 * ### Cost
 * Cluster free; ECR $0.10 per GB-mo (ECR pricing, read 2026-11; the lifecycle keeps the last 10 deployed and 20 other images); per task see `ApiService`.
 */
export class Compute extends Construct {
  public readonly cluster: ecs.Cluster;
  /** The API image repository the pipeline pushes to. */
  public readonly repository: ecr.Repository;
  /** Log group the collectors write EMF metrics to. */
  public readonly metricsLogGroup: logs.LogGroup;
  /** Services by name, in config order. */
  public readonly services: ReadonlyMap<string, ApiService>;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    const retention = props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays);
    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc, enableFargateCapacityProviders: true });
    this.repository = new ecr.Repository(this, 'Repository', {
      imageScanOnPush: true,
      // A pushed tag names one image for good: nothing can swap what a task definition runs (CT.ECR.PR.3).
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      removalPolicy: RemovalPolicy.RETAIN,
      // Count-based expiry alone could delete the image the stage runs while builds wait for an approval; a rule
      // of lower priority never expires what a higher one matches.
      lifecycleRules: [
        {
          rulePriority: 1,
          description: `Keep the images of the last ${DEPLOYED_IMAGES_KEPT} deploys`,
          tagPrefixList: [DEPLOYED_IMAGE_TAG_PREFIX],
          maxImageCount: DEPLOYED_IMAGES_KEPT,
        },
        {
          rulePriority: 2,
          description: `Keep the last ${OTHER_IMAGES_KEPT} other images`,
          tagStatus: ecr.TagStatus.ANY,
          maxImageCount: OTHER_IMAGES_KEPT,
        },
      ],
    });
    this.metricsLogGroup = new logs.LogGroup(this, 'MetricsLogs', { retention });
    this.services = this.createServices(props, retention);
    this.connectPeers();
    acknowledge(this.cluster, [
      {
        id: 'AwsSolutions-ECS4',
        reason: 'Container Insights bills per metric; the ADOT sidecar sends the metrics we chart.',
      },
    ]);
  }

  private createServices(props: ComputeProps, retention: logs.RetentionDays): Map<string, ApiService> {
    const services = new Map<string, ApiService>();
    for (const [name, settings] of Object.entries(props.services)) {
      const service = new ApiService(this, serviceId(name), {
        ...settings,
        cluster: this.cluster,
        vpc: props.vpc,
        subnets: props.subnets,
        repository: this.repository,
        cloudMapService: props.discovery.addService(name, settings.routingPolicy),
        environment: containerEnvironment(name, props),
        secrets: {
          DB_PASSWORD: props.database.passwordForContainers,
          ...(props.internalToken ? { INTERNAL_API_TOKEN: props.internalToken } : {}),
        },
        collectorConfig: props.collectorConfig,
        metricsLogGroup: this.metricsLogGroup,
        logRetention: retention,
        imageTag: props.imageTag,
        containerPort: CONTAINER_PORT,
        startWithZeroTasks: props.startWithZeroTasks,
      });
      props.database.allowFrom(service.securityGroup, `Service ${name}`);
      acknowledge(service, [
        {
          id: 'AwsSolutions-ECS2',
          reason: 'Environment holds only non-secret settings; DB_PASSWORD comes through ECS secrets.',
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'X-Ray writes and ecr:GetAuthorizationToken have no resource-level permissions.',
        },
      ]);
      services.set(name, service);
    }
    return services;
  }

  /** Services call each other directly through Cloud Map (the seed's internal access, no gateway hop). */
  private connectPeers(): void {
    for (const [name, service] of this.services) {
      for (const [peerName, peer] of this.services) {
        if (peerName !== name) service.allowFrom(peer.securityGroup, `Peer service ${peerName}`);
      }
    }
  }
}

/** Set on the container by other means: the password as an ECS secret, the CA bundle's path by the image. */
const SET_ELSEWHERE = ['DB_PASSWORD', 'DB_SSL_ROOT_CERT'] as const;

/**
 * The environment of service `name`, written against the container contract (`CONTAINER_ENV` in
 * @shoestring/contract) and checked by it at synth: an unknown name, a bad value or a module that cannot reach
 * what it calls stops the synth instead of the task's start. The password is a secret, never here.
 */
export function containerEnvironment(name: string, props: ComputeProps): Record<string, string> {
  const settings = props.services[name];
  const runsAll = settings?.modules.includes('*') ?? true;
  const environment: ContainerEnvironment = {
    PORT: String(CONTAINER_PORT),
    DB_HOST: props.database.instance.dbInstanceEndpointAddress,
    DB_PORT: props.database.instance.dbInstanceEndpointPort,
    DB_NAME: props.database.databaseName,
    DB_USER: props.database.username,
    DB_SSL: 'verify-full' satisfies DbSslMode,
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
    OTEL_SERVICE_NAME: name,
    DRAIN_SECONDS: String(settings?.drainSeconds ?? SERVICE_DEFAULTS.drainSeconds),
  };
  if (props.auth) {
    environment.AUTH_ISSUER = props.auth.issuer;
    environment.AUTH_AUDIENCE = props.auth.audience.join(',');
    environment.AUTH_JWKS_URL = props.auth.jwksUrl;
  }
  if (!runsAll && settings) environment.MODULES = settings.modules.join(',');
  for (const [other, otherSettings] of Object.entries(props.services)) {
    if (other === name) continue;
    for (const module of otherSettings.modules) {
      environment[moduleUrlVariable(module)] = props.discovery.urlOf(other, CONTAINER_PORT);
    }
  }
  const written = environment as Record<string, string>;
  const unresolved = Object.keys(written).filter((key) => Token.isUnresolved(written[key]));
  const problems = containerEnvironmentProblems(written, [...SET_ELSEWHERE, ...unresolved]);
  if (problems.length > 0) {
    throw new Error(
      `Service "${name}": its container environment breaks the container contract:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return written;
}

function serviceId(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Service`;
}
