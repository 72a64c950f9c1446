import { SIGN_IN_CALLBACK_PATH } from '@shoestring/contract';
import { Lazy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { CONTAINER_PORT } from '../config/defaults.ts';
import type { StageConfig } from '../config/types.ts';
import { type ApiAuthSettings, Compute } from '../constructs/compute.ts';
import { Database } from '../constructs/database.ts';
import { HttpApiGateway } from '../constructs/http-api.ts';
import { Network } from '../constructs/network.ts';
import { readObservabilityCollectorConfig } from '../constructs/observability/collector-config.ts';
import { Observability } from '../constructs/observability/observability.ts';
import { SecureStringPassword } from '../constructs/secure-string-password.ts';
import { ServiceDiscovery } from '../constructs/service-discovery.ts';
import { SignIn } from '../constructs/sign-in.ts';
import { StaticSite } from '../constructs/static-site.ts';
import { deployedTagParameter, NO_IMAGE_TAG } from '../images.ts';
import { parameterPrefix } from './published-names.ts';
import { publishRuntimeOutputs } from './runtime-outputs.ts';
import type { StackOutputs } from './stack-outputs.ts';

export interface RuntimeStackProps extends StackProps {
  /** The resolved, validated stage (`loadConfig(stage)`). */
  readonly config: StageConfig;
  /**
   * First deploy, before any image exists: services with zero tasks naming `NO_IMAGE_TAG`. Otherwise the API
   * containers run the tag the backend pipeline last deployed, resolved from its SSM parameter (ADR 0124).
   * @default false
   */
  readonly startWithZeroTasks?: boolean;
}

/** `shoestring-dev`: the stack name of a stage's runtime. */
export function runtimeStackName(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `${config.project}-${config.stage}`;
}

/** Tags on every resource of a stage's runtime; IAM conditions (the NAT switch) rely on them. */
export function stageTags(config: Pick<StageConfig, 'project' | 'stage'>): Record<string, string> {
  return { 'shoestring:project': config.project, 'shoestring:stage': config.stage };
}

export { parameterPrefix };

/**
 * Everything a stage runs, the seed's runtime boxes in one stack: network, Cloud Map, RDS, the Fargate services,
 * the HTTP API and the site. Its outputs are also SSM parameters under `/<project>/<stage>/`.
 */
export class RuntimeStack extends Stack {
  public readonly config: StageConfig;
  public readonly network: Network;
  public readonly discovery: ServiceDiscovery;
  public readonly database: Database;
  /** The stage's Cognito user pool, when `auth.enabled` and no external `api.jwt` issuer is set. */
  public readonly signIn?: SignIn;
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
    const { config, startWithZeroTasks, ...stackProps } = props;
    super(scope, id, {
      stackName: runtimeStackName(config),
      description: `Shoestring ${config.stage}: network, Cloud Map, RDS, Fargate, HTTP API, site`,
      env: { account: config.account, region: config.region },
      ...stackProps,
    });
    this.config = config;
    const retention = config.observability.logRetentionDays as logs.RetentionDays;

    this.network = new Network(this, 'Network', {
      ...config.network,
      secretsManagerEndpoint: rotationNeedsEndpoint(config),
    });
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
      rotationEndpoint: this.network.secretsManagerEndpoint,
      parameterPrefix: parameterPrefix(config),
      allowFrom: [this.network.migrationSecurityGroup],
      secretStore: config.secrets.store,
      rotationDays: config.secrets.rotationDays,
      logRetention: retention,
    });
    this.signIn = createSignIn(this, config);
    const issuer = tokenIssuer(config, this.signIn);
    this.compute = new Compute(this, 'Compute', {
      vpc: this.network.vpc,
      subnets: this.network.publicSubnets,
      discovery: this.discovery,
      database: this.database,
      services: config.services,
      collectorConfig: readObservabilityCollectorConfig(config.observability.metrics),
      logRetention: retention,
      imageTag: startWithZeroTasks
        ? NO_IMAGE_TAG
        : ssm.StringParameter.valueForStringParameter(this, deployedTagParameter(parameterPrefix(config))),
      startWithZeroTasks,
      auth: issuer,
      internalToken: createInternalToken(this, config, retention),
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
      jwt: issuer,
      corsOrigins: config.api.corsOrigins,
      domain: config.api.domain,
      logRetention: retention,
    });
    this.site = new StaticSite(this, 'Site', {
      apiEndpoint: config.edge.routeApi ? this.api.httpApi.apiEndpoint : undefined,
      priceClass: config.edge.priceClass,
      domain: config.edge.domain,
      contentSecurityPolicy: withConnectSources(
        config.edge.contentSecurityPolicy,
        this.signIn?.connectOrigins ?? [],
      ),
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

/**
 * The rotation Lambda runs in the build subnets; it needs its own way to Secrets Manager unless their egress is
 * always there (a NAT gateway, or a NAT instance the pipeline never stops). ADR 0128.
 */
export function rotationNeedsEndpoint(
  config: Pick<StageConfig, 'secrets' | 'network' | 'pipeline'>,
): boolean {
  if (config.secrets.store !== 'secretsmanager' || config.secrets.rotationDays === 0) return false;
  const egress = config.network.buildEgress;
  const steadyEgress = egress === 'nat-gateway' || (egress === 'nat-instance' && config.pipeline.natAlwaysOn);
  return !steadyEgress;
}

/** Whether the stage gets a Cognito user pool (and publishes `auth/*`): sign-in on and no external issuer. */
export function hasUserPool(config: Pick<StageConfig, 'auth' | 'api'>): boolean {
  return config.auth.enabled && !config.api.jwt;
}

/** The Cognito user pool, unless sign-in is off or an external issuer replaces it. */
function createSignIn(stack: RuntimeStack, config: StageConfig): SignIn | undefined {
  if (!hasUserPool(config)) return undefined;
  // The site's URLs are known only once the distribution exists, which is created later (it needs the API).
  const siteOrigins = () => [
    stack.site.url,
    ...(config.edge.domain ? [`https://${config.edge.domain.name}`] : []),
  ];
  const extra = config.auth.callbackUrls.map((url) => url.replace(/\/+$/, ''));
  return new SignIn(stack, 'SignIn', {
    domainPrefix: config.auth.domainPrefix ?? `${config.project}-${config.stage}-${config.account}`,
    callbackUrls: [
      ...Lazy.list({ produce: () => siteOrigins().map((origin) => `${origin}${SIGN_IN_CALLBACK_PATH}`) }),
      ...extra.map((origin) => `${origin}${SIGN_IN_CALLBACK_PATH}`),
    ],
    logoutUrls: [
      ...Lazy.list({ produce: () => siteOrigins().map((origin) => `${origin}/`) }),
      ...extra.map((o) => `${o}/`),
    ],
    featurePlan: config.auth.featurePlan,
    retain: config.auth.retainUserPool,
  });
}

/** Whose tokens the HTTP API and the API accept: the stage's pool, an external issuer, or none. */
function tokenIssuer(config: StageConfig, signIn: SignIn | undefined): ApiAuthSettings | undefined {
  if (config.api.jwt) {
    const { issuer, audience, jwksUrl } = config.api.jwt;
    return { issuer, audience, jwksUrl: jwksUrl ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json` };
  }
  if (!signIn) return undefined;
  return { issuer: signIn.issuer, audience: [signIn.client.userPoolClientId], jwksUrl: signIn.jwksUrl };
}

/**
 * Split services call each other's internal operations with a shared random credential from Parameter Store
 * (ADR 0112); a single service calls nothing over the network, so it gets none.
 */
function createInternalToken(stack: RuntimeStack, config: StageConfig, retention: logs.RetentionDays) {
  if (Object.keys(config.services).length < 2) return undefined;
  const token = new SecureStringPassword(stack, 'InternalApiToken', {
    parameterName: `${parameterPrefix(config)}/api/internal-token`,
    description: 'Credential of internal calls between the API services',
    logRetention: retention,
  });
  return ecs.Secret.fromSsmParameter(
    ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'InternalApiTokenParameter', {
      parameterName: token.parameterName,
    }),
  );
}

/** Adds origins to the policy's `connect-src` (the sign-in endpoints the site's scripts call). */
export function withConnectSources(policy: string, origins: readonly string[]): string {
  if (origins.length === 0) return policy;
  const directives = policy.split(';').map((d) => d.trim());
  const index = directives.findIndex((d) => d.startsWith('connect-src'));
  if (index === -1) return [...directives, `connect-src 'self' ${origins.join(' ')}`].join('; ');
  directives[index] = `${directives[index]} ${origins.join(' ')}`;
  return directives.join('; ');
}
