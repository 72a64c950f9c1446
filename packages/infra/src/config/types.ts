/**
 * The shape of `shoestring.config.ts`. Every field is optional in the file; the defaults (see `defaults.ts`) are
 * the cheapest sane choice and are repeated in each field's `@default` so this file doubles as the reference.
 */

/** CPU architecture of a Fargate task. */
export type Architecture = 'arm64' | 'x86_64';
/** How the migration build's private subnets reach the internet (CodeBuild in a VPC gets no public IP). */
export type BuildEgress = 'nat-instance' | 'endpoints' | 'none' | 'nat-gateway';
/** Where the database password lives. */
export type SecretStore = 'ssm' | 'secretsmanager';
/** Cloud Map routing policy for a service's DNS records (Route 53 "simple" is not offered by Cloud Map). */
export type RoutingPolicy = 'multivalue' | 'weighted';
export type MetricsBackend = 'cloudwatch' | 'prometheus';
export type DashboardsBackend = 'cloudwatch' | 'grafana';
export type MigrationRunner = 'codebuild-vpc' | 'fargate-task';
export type BuildComputeType = 'small' | 'medium' | 'large';

export interface NetworkSettings {
  /** IPv4 range of the VPC. @default '10.0.0.0/16' */
  readonly cidr: string;
  /**
   * Exactly two availability zone names. Explicit so synth needs no AWS lookup; change them if the VPC link
   * reports an unsupported AZ (a few AZ IDs have no VPC link support).
   * @default ['<region>a', '<region>b']
   */
  readonly availabilityZones: readonly string[];
  /**
   * Egress of the private subnets the migration build runs in. `nat-instance`: one t4g.nano NAT instance the
   * pipeline starts and stops around migrations (about $3/mo when always on). `endpoints`: interface endpoints
   * (logs, ssm, secretsmanager, ecr, sts) in one AZ, about $7.30/mo each. `none`: isolated (use it with
   * `migrations.runner: 'fargate-task'`). `nat-gateway`: one managed NAT gateway, $32.85/mo plus data.
   * @default 'nat-instance'
   */
  readonly buildEgress: BuildEgress;
  /** EC2 instance type of the NAT instance (ARM types only, the AMI is arm64). @default 't4g.nano' */
  readonly natInstanceType: string;
  /**
   * AMI of the NAT instance. `pinned`: the latest Amazon Linux 2023 when the stage is first deployed with
   * `npm run deploy`, cached in packages/infra/cdk.context.json (commit it; `cdk context --reset` and a deploy
   * move it on). `latest`: the newest AMI at every deploy, which replaces the instance whenever AWS publishes
   * one. An `ami-...` id: exactly that image. A new AMI always means a new instance (ADR 0121).
   * @default 'pinned'
   */
  readonly natImage: string;
}

export interface ServiceSettings {
  /**
   * Modules this service runs (the API's `MODULES`). `['*']` runs every module and is allowed only when there
   * is a single service. Modules served by another service are reached at `http://<service>.<namespace>:8080`.
   * @default ['*']
   */
  readonly modules: readonly string[];
  /** Task CPU units (256 = 0.25 vCPU). Must be a Fargate CPU/memory combination. @default 256 */
  readonly cpu: number;
  /** Task memory in MiB. @default 512 */
  readonly memoryMiB: number;
  /** @default 'arm64' (20% cheaper than x86 on Fargate) */
  readonly architecture: Architecture;
  /** Percent of tasks placed on Fargate Spot (x86 only). @default 0 */
  readonly spotPercent: number;
  /** Autoscaling floor. @default 1 */
  readonly minTasks: number;
  /** Autoscaling ceiling. @default 2 */
  readonly maxTasks: number;
  /** Target average CPU utilisation, percent. @default 70 */
  readonly cpuTargetPercent: number;
  /** Target average memory utilisation, percent. @default 75 */
  readonly memoryTargetPercent: number;
  /** Cloud Map routing policy. @default 'multivalue' */
  readonly routingPolicy: RoutingPolicy;
}

export interface DatabaseSettings {
  /** PostgreSQL engine version, pinned (minor upgrades are a config change, never automatic). @default '17.9' */
  readonly engineVersion: string;
  /** RDS instance class without the `db.` prefix. @default 't4g.micro' */
  readonly instanceType: string;
  /** gp3 storage in GB (20 is the gp3 minimum). @default 20 */
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling in GB; equal to `allocatedStorageGb` turns autoscaling off. @default 50 */
  readonly maxAllocatedStorageGb: number;
  /** A standby in a second AZ, doubling the instance and storage price. @default false */
  readonly multiAz: boolean;
  /** Days of automated backups (0 to 35). @default 7 (1 for dev) */
  readonly backupRetentionDays: number;
  /** @default true for prod, false otherwise */
  readonly deletionProtection: boolean;
  /** Take a final snapshot when the instance is deleted. @default true for prod, false otherwise */
  readonly snapshotOnDelete: boolean;
  /** Name of the application database. @default 'shoestring' */
  readonly name: string;
  /** Master user name (not secret; the password is). @default 'shoestring' */
  readonly username: string;
}

export interface SecretsSettings {
  /**
   * `ssm`: a SecureString parameter written by a custom resource (free, no rotation; the seed's preference).
   * `secretsmanager`: a generated secret with rotation ($0.40/mo plus a Secrets Manager endpoint).
   * @default 'ssm'
   */
  readonly store: SecretStore;
  /** Rotation interval in days when `store` is `secretsmanager`; 0 turns rotation off. @default 30 */
  readonly rotationDays: number;
}

export interface JwtSettings {
  /** Token issuer, an https URL (e.g. a Cognito user pool or Auth0 tenant). */
  readonly issuer: string;
  /** Accepted audiences (client ids). At least one. */
  readonly audience: readonly string[];
}

export interface CustomDomainSettings {
  /** Fully qualified domain name, e.g. `api.example.com`. */
  readonly name: string;
  /** ARN of an ACM certificate for `name` (API Gateway: in the stack's region; CloudFront: in us-east-1). */
  readonly certificateArn: string;
}

export interface ApiSettings {
  /** `$default` stage throttle, below the account's shared 10,000 rps / 5,000 burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** JWT authorizer on every route ("auth first"). @default undefined - no authorizer */
  readonly jwt?: JwtSettings;
  /**
   * Origins allowed by CORS. Empty turns CORS off, which is right when the site reaches the API through the
   * distribution's `/api/*` behaviour (same origin). @default []
   */
  readonly corsOrigins: readonly string[];
  /** Custom domain for the HTTP API. @default undefined - the execute-api URL */
  readonly domain?: CustomDomainSettings;
}

export interface EdgeSettings {
  /** Route `/api/*` on the distribution to the HTTP API so site and API share one origin. @default true */
  readonly routeApi: boolean;
  /** CloudFront price class. @default 'PriceClass_100' (North America and Europe, the cheapest) */
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** Custom domain for the site. @default undefined - the cloudfront.net name */
  readonly domain?: CustomDomainSettings;
  /** Content-Security-Policy sent with every response. @default "default-src 'self'; ..." (see defaults.ts) */
  readonly contentSecurityPolicy: string;
}

export interface AlarmThresholds {
  /** Percent of API requests answered with 5xx over 5 minutes. @default 1 */
  readonly http5xxPercent: number;
  /** p99 integration latency in ms. @default 1500 */
  readonly p99LatencyMs: number;
  /** Average task CPU percent. @default 85 */
  readonly taskCpuPercent: number;
  /** Average task memory percent. @default 85 */
  readonly taskMemoryPercent: number;
  /** RDS CPU percent. @default 80 */
  readonly rdsCpuPercent: number;
  /** RDS free storage in GB. @default 2 */
  readonly rdsFreeStorageGb: number;
  /** RDS connections. @default 60 (db.t4g.micro allows about 80) */
  readonly rdsConnections: number;
}

export interface ObservabilitySettings {
  /** @default 'cloudwatch' (EMF from the ADOT sidecar) */
  readonly metrics: MetricsBackend;
  /** @default 'cloudwatch' (Managed Grafana costs $9 per editor per month) */
  readonly dashboards: DashboardsBackend;
  readonly alarms: AlarmThresholds;
  /** Email subscribed to the alarm topic. @default undefined - no topic subscription */
  readonly alarmEmail?: string;
  /** Retention of every log group, a CloudWatch-supported value. @default 30 (7 for dev) */
  readonly logRetentionDays: number;
}

export interface PipelineSettings {
  /** CodeStar Connections ARN to the git host. @default undefined - no pipeline is synthesized */
  readonly connectionArn?: string;
  /** `owner/name` of the repository. @default 'example/shoestring' */
  readonly repository: string;
  /** Branch this stage deploys from. @default 'main' for dev, 'release' for prod */
  readonly branch: string;
  /** Manual approval before the prod deploy. @default true */
  readonly manualApprovalBeforeProd: boolean;
  /** Keep the NAT instance running instead of starting it around migrations. @default false */
  readonly natAlwaysOn: boolean;
}

export interface MigrationSettings {
  /** Where Liquibase runs. @default 'codebuild-vpc' (the seed) */
  readonly runner: MigrationRunner;
  /** CodeBuild compute type of the migration build. @default 'medium' (the seed) */
  readonly computeType: BuildComputeType;
}

/** The usage profile `shoestring cost` prices the usage-driven lines with. */
export interface UsageSettings {
  /** API requests per month. @default 1_000_000 */
  readonly requestsPerMonth: number;
  /** Average API response size in KB. @default 4 */
  readonly avgResponseKb: number;
  /** CloudWatch Logs ingested per month in GB. @default 1 */
  readonly logGbPerMonth: number;
  /** CloudFront data out per month in GB. @default 5 */
  readonly siteGbOut: number;
  /** Backend deploys per month. @default 20 */
  readonly deploysPerMonth: number;
  /** CodeBuild minutes per deploy (image build plus migration). @default 6 */
  readonly buildMinutesPerDeploy: number;
  /** Average running tasks per service over the month. @default 1 */
  readonly avgTaskCount: number;
  /** Site requests per month through CloudFront. @default 1_000_000 */
  readonly siteRequestsPerMonth: number;
  /** Share of API requests whose traces are recorded, 0 to 1. @default 0.05 (X-Ray's default rule) */
  readonly traceSampleRate: number;
  /** Prometheus series sent to AMP (`observability.metrics: 'prometheus'`). @default 500 */
  readonly prometheusActiveSeries: number;
  /** Seconds between scrapes, above 0. @default 60 */
  readonly prometheusScrapeIntervalSeconds: number;
  /** Active Managed Grafana editors a month. @default 1 */
  readonly grafanaEditors: number;
  /** Active Managed Grafana viewers a month. @default 0 */
  readonly grafanaViewers: number;
  /** Size of one API image in ECR, GB. @default 0.15 */
  readonly imageGb: number;
  /** API images kept in ECR. @default 10 */
  readonly imagesStored: number;
  /** GB stored in the site bucket. @default 0.1 */
  readonly siteGbStored: number;
  /** GB stored in each other bucket (pipeline artifacts). @default 1 */
  readonly bucketGbStored: number;
  /** GB a month through a NAT (image pulls, package downloads). @default 5 */
  readonly natGbPerMonth: number;
  /** Database I/O requests a month (only Aurora bills them; `shoestring cost --compare`). @default 5_000_000 */
  readonly dbIoPerMonth: number;
}

/** Everything one stage deploys, fully resolved. */
export interface StageSettings {
  /** 12-digit AWS account. @default $CDK_DEFAULT_ACCOUNT, else '000000000000' (synth only; deploy refuses it) */
  readonly account: string;
  /** @default $CDK_DEFAULT_REGION, else 'us-east-1' */
  readonly region: string;
  readonly network: NetworkSettings;
  /** Fargate services by Cloud Map name. @default { api: { modules: ['*'] } } */
  readonly services: Readonly<Record<string, ServiceSettings>>;
  readonly database: DatabaseSettings;
  readonly secrets: SecretsSettings;
  readonly api: ApiSettings;
  readonly edge: EdgeSettings;
  readonly observability: ObservabilitySettings;
  readonly pipeline: PipelineSettings;
  readonly migrations: MigrationSettings;
  readonly usage: UsageSettings;
}

/** A resolved, validated stage: what the stacks and the CLI consume. */
export interface StageConfig extends StageSettings {
  /** Short lowercase name used in resource names, SSM paths and DNS. */
  readonly project: string;
  readonly stage: string;
}

type DeepPartial<T> = {
  -readonly [K in keyof T]?: T[K] extends readonly (infer _)[]
    ? T[K]
    : T[K] extends Readonly<Record<string, ServiceSettings>>
      ? Record<string, Partial<ServiceSettings>>
      : T[K] extends object
        ? DeepPartial<T[K]>
        : T[K];
};

/** What a stage may set in the config file: any subset of `StageSettings`. */
export type StageSettingsInput = DeepPartial<StageSettings>;

/** The whole file. */
export interface ShoestringConfigInput {
  /** @default 'shoestring' */
  readonly project?: string;
  /** Settings every stage shares; a stage's own settings override them field by field (`services` as a whole). */
  readonly shared?: StageSettingsInput;
  /** The stages by name. @default { dev: {}, prod: {} } */
  readonly stages?: Readonly<Record<string, StageSettingsInput>>;
}
