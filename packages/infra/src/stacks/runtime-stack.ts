import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CONTAINER_PORT } from '../config/defaults.ts';
import type { StageConfig } from '../config/types.ts';
import { Compute } from '../constructs/compute.ts';
import { Database } from '../constructs/database.ts';
import { HttpApiGateway } from '../constructs/http-api.ts';
import { Network } from '../constructs/network.ts';
import { readObservabilityCollectorConfig } from '../constructs/observability/collector-config.ts';
import { Observability } from '../constructs/observability/observability.ts';
import { ServiceDiscovery } from '../constructs/service-discovery.ts';
import { StaticSite } from '../constructs/static-site.ts';
import { publishRuntimeOutputs } from './runtime-outputs.ts';
import type { StackOutputs } from './stack-outputs.ts';

export interface RuntimeStackProps extends StackProps {
  /** The resolved, validated stage (`loadConfig(stage)`). */
  readonly config: StageConfig;
  /** Create services with zero tasks (first deploy, before an image exists). @default false */
  readonly startWithZeroTasks?: boolean;
  /** Image tag of the API containers. @default 'latest' */
  readonly imageTag?: string;
}

/** `shoestring-dev`: the stack name of a stage's runtime. */
export function runtimeStackName(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `${config.project}-${config.stage}`;
}

/** Tags on every resource of a stage's runtime; IAM conditions (the NAT switch) rely on them. */
export function stageTags(config: Pick<StageConfig, 'project' | 'stage'>): Record<string, string> {
  return { 'shoestring:project': config.project, 'shoestring:stage': config.stage };
}

/** SSM prefix of a stage's published outputs: `/shoestring/dev`. */
export function parameterPrefix(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `/${config.project}/${config.stage}`;
}

/**
 * Everything a stage runs, the seed's runtime boxes in one stack: network, Cloud Map, RDS, the Fargate services,
 * the HTTP API and the site. Its outputs are also SSM parameters under `/<project>/<stage>/`.
 */
export class RuntimeStack extends Stack {
  public readonly config: StageConfig;
  public readonly network: Network;
  public readonly discovery: ServiceDiscovery;
  public readonly database: Database;
  public readonly compute: Compute;
  public readonly api: HttpApiGateway;
  public readonly site: StaticSite;
  /** Metrics backend, dashboards, alarms and the alarm topic (`config.observability`). */
  public readonly observability: Observability;
  /** SSM parameter names of the outputs, by key (`site/bucket-name`, ...). */
  public readonly outputs: StackOutputs;

  /** The configured AZs, so the VPC needs no `availability-zones` context lookup (synth stays offline). */
  override get availabilityZones(): string[] {
    return [...this.config.network.availabilityZones];
  }

  constructor(scope: Construct, id: string, props: RuntimeStackProps) {
    const { config, startWithZeroTasks, imageTag, ...stackProps } = props;
    super(scope, id, {
      stackName: runtimeStackName(config),
      description: `Shoestring ${config.stage}: network, Cloud Map, RDS, Fargate, HTTP API, site`,
      env: { account: config.account, region: config.region },
      ...stackProps,
    });
    this.config = config;
    const retention = config.observability.logRetentionDays as logs.RetentionDays;

    this.network = new Network(this, 'Network', config.network);
    this.discovery = new ServiceDiscovery(this, 'Discovery', {
      vpc: this.network.vpc,
      namespaceName: `${config.stage}.${config.project}.internal`,
    });
    this.database = new Database(this, 'Database', {
      ...config.database,
      databaseName: config.database.name,
      vpc: this.network.vpc,
      subnets: this.network.databaseSubnets,
      rotationSubnets: this.network.buildSubnets,
      parameterPrefix: parameterPrefix(config),
      allowFrom: [this.network.migrationSecurityGroup],
      secretStore: config.secrets.store,
      rotationDays: config.secrets.rotationDays,
      logRetention: retention,
    });
    this.compute = new Compute(this, 'Compute', {
      vpc: this.network.vpc,
      subnets: this.network.publicSubnets,
      discovery: this.discovery,
      database: this.database,
      services: config.services,
      collectorConfig: readObservabilityCollectorConfig(config.observability.metrics),
      logRetention: retention,
      imageTag,
      startWithZeroTasks,
    });
    this.api = new HttpApiGateway(this, 'Api', {
      vpc: this.network.vpc,
      subnets: this.network.publicSubnets,
      port: CONTAINER_PORT,
      backends: [...this.compute.services].map(([name, service]) => ({
        name,
        modules: config.services[name]?.modules ?? [],
        cloudMapService: service.cloudMapService,
        securityGroup: service.securityGroup,
      })),
      throttle: config.api.throttle,
      jwt: config.api.jwt,
      corsOrigins: config.api.corsOrigins,
      domain: config.api.domain,
      logRetention: retention,
    });
    this.site = new StaticSite(this, 'Site', {
      apiEndpoint: config.edge.routeApi ? this.api.httpApi.apiEndpoint : undefined,
      priceClass: config.edge.priceClass,
      domain: config.edge.domain,
      contentSecurityPolicy: config.edge.contentSecurityPolicy,
    });
    this.observability = new Observability(this, 'Observability', {
      settings: config.observability,
      services: [...this.compute.services].map(([name, service]) => ({ name, service: service.service })),
      httpApi: this.api.httpApi,
      database: this.database.instance,
      dashboardName: runtimeStackName(config),
    });
    this.outputs = publishRuntimeOutputs(this, parameterPrefix(config));
    for (const [key, value] of Object.entries(stageTags(config))) Tags.of(this).add(key, value);
  }
}
