import { API_PREFIX, bracedPath, EDGE_OPERATIONS, type Operation, requiresToken } from '@shoestring/contract';
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpServiceDiscoveryIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';

import { Construct } from 'constructs';
import { API_DEFAULTS, CONTAINER_PORT, OBSERVABILITY_DEFAULTS } from '../config/defaults.ts';
import type { CustomDomainSettings, JwtSettings } from '../config/types.ts';
import { acknowledge } from './acknowledge.ts';

/** A backend the API routes to: the service that runs some of the modules. */
export interface ApiBackend {
  readonly name: string;
  /** Modules whose operations go to this backend; `*` runs them all (a single service). */
  readonly modules: readonly string[];
  readonly cloudMapService: servicediscovery.IService;
  /** Security group of the backend's tasks; the VPC link is admitted on `port`. */
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface HttpApiGatewayProps {
  readonly vpc: ec2.IVpc;
  /** Subnets of the VPC link (public, where the tasks are). */
  readonly subnets: ec2.SubnetSelection;
  readonly backends: readonly ApiBackend[];
  /**
   * The operations routed, each as one route to the backend that runs its module; any other path is API Gateway's
   * own 404. Internal and operational operations are never routed from the edge.
   * @default EDGE_OPERATIONS - the contract's route table
   */
  readonly operations?: readonly Operation[];
  /** @default CONTAINER_PORT */
  readonly port?: number;
  /** `$default` stage throttle; keep it below the account's 10,000 rps / 5,000 burst. @default API_DEFAULTS.throttle */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * The token issuer and audiences of the JWT authorizer on every operation that `requiresToken`.
   * @default undefined - no authorizer; the API authenticates every request itself
   */
  readonly jwt?: JwtSettings;
  /** @default [] - CORS off (same origin through CloudFront) */
  readonly corsOrigins?: readonly string[];
  /** @default undefined - the execute-api URL only */
  readonly domain?: CustomDomainSettings;
  /** @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The seed's front door: an HTTP API (cheaper than an ALB below about 20 M requests a month) with an explicit VPC
 * link into the public subnets. Every edge operation of the contract's route table is one route,
 * `<METHOD> /api/<path>`, to the Cloud Map service of the backend that runs its module; the container sees the path
 * without `/api` (parameter mapping `overwrite:path`), on the `$default` stage so no stage name is prepended
 * (aws-facts: "http-api-develop-integrations-private"). No route catches every path, so a path nobody declared,
 * and every internal and operational path (`/internal/*`, `/metrics`, `/health`, `/ready`, `/openapi.json`), is a
 * 404 at the gateway. With `jwt`, each route that needs a token carries the JWT authorizer (ADR 0111).
 *
 * ### Cost
 * $1.00 per million requests (first 300 M, metered in 512 KB units); the VPC link is assumed free (unconfirmed);
 * access logs $0.50 per GB ingested (API Gateway and CloudWatch pricing pages, read 2026-11). Requests the
 * authorizer rejects are not billed (API Gateway pricing).
 */
export class HttpApiGateway extends Construct {
  public readonly httpApi: apigw.HttpApi;
  /** The `$default` stage. */
  public readonly stage: apigw.HttpStage;
  public readonly vpcLink: apigw.VpcLink;
  /** Security group of the VPC link; the tasks admit it on the container port. */
  public readonly vpcLinkSecurityGroup: ec2.SecurityGroup;
  /** Access log group of the stage (JSON lines). */
  public readonly accessLogGroup: logs.LogGroup;
  /** The JWT authorizer, when `jwt` is given. */
  public readonly authorizer?: HttpJwtAuthorizer;
  private readonly port: number;

  constructor(scope: Construct, id: string, props: HttpApiGatewayProps) {
    super(scope, id);
    if (props.backends.length === 0) throw new Error('HttpApiGateway: give at least one backend');
    this.port = props.port ?? CONTAINER_PORT;
    this.vpcLinkSecurityGroup = new ec2.SecurityGroup(this, 'VpcLinkSecurityGroup', {
      vpc: props.vpc,
      description: 'HTTP API VPC link: out to the API tasks only',
      allowAllOutbound: false,
    });
    this.vpcLink = new apigw.VpcLink(this, 'VpcLink', {
      vpc: props.vpc,
      subnets: props.subnets,
      securityGroups: [this.vpcLinkSecurityGroup],
    });
    this.httpApi = this.createApi(props);
    this.authorizer = props.jwt
      ? new HttpJwtAuthorizer('Jwt', props.jwt.issuer, { jwtAudience: [...props.jwt.audience] })
      : undefined;
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays),
    });
    this.stage = this.createStage(props);
    for (const backend of props.backends) this.admitVpcLink(backend);
    for (const operation of props.operations ?? EDGE_OPERATIONS) {
      this.addOperation(operation, backendOf(operation, props.backends));
    }
    if (props.domain) this.addDomain(props.domain);
    acknowledge(this.httpApi, [
      {
        id: 'AwsSolutions-APIG4',
        reason: props.jwt
          ? 'Anonymous catalog reads are public by design; every other route has the JWT authorizer.'
          : 'No JWT issuer configured: the API authenticates requests itself. Turn on auth or set api.jwt.',
      },
    ]);
  }

  /** The stage's invoke URL, e.g. `https://abc123.execute-api.us-east-1.amazonaws.com/`. */
  get url(): string {
    return this.stage.url;
  }

  private createApi(props: HttpApiGatewayProps): apigw.HttpApi {
    const origins = props.corsOrigins ?? [];
    return new apigw.HttpApi(this, 'Api', {
      description: 'Shoestring API: each edge operation to its Fargate service through Cloud Map',
      createDefaultStage: false,
      // No OPTIONS routes: API Gateway answers CORS preflights (sent without a token) from this configuration.
      corsPreflight:
        origins.length > 0
          ? {
              allowOrigins: [...origins],
              allowMethods: [apigw.CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'traceparent'],
              maxAge: Duration.days(1),
            }
          : undefined,
    });
  }

  private createStage(props: HttpApiGatewayProps): apigw.HttpStage {
    const throttle = props.throttle ?? API_DEFAULTS.throttle;
    return this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  private admitVpcLink(backend: ApiBackend): void {
    backend.securityGroup.connections.allowFrom(
      this.vpcLinkSecurityGroup,
      ec2.Port.tcp(this.port),
      'HTTP API VPC link',
    );
  }

  /** `GET /api/catalog/products/{id}` to the backend as `/catalog/products/<id>`. */
  private addOperation(operation: Operation, backend: ApiBackend): void {
    const braced = bracedPath(operation.path);
    this.httpApi.addRoutes({
      path: `${API_PREFIX}${braced}`,
      methods: [operation.method as apigw.HttpMethod],
      authorizer: requiresToken(operation) ? this.authorizer : new apigw.HttpNoneAuthorizer(),
      integration: new HttpServiceDiscoveryIntegration(operation.operationId, backend.cloudMapService, {
        vpcLink: this.vpcLink,
        parameterMapping: new apigw.ParameterMapping().overwritePath(
          apigw.MappingValue.custom(braced.replace(/\{(\w+)\}/g, '$$request.path.$1')),
        ),
      }),
    });
  }

  private addDomain(domain: CustomDomainSettings): void {
    const domainName = new apigw.DomainName(this, 'Domain', {
      domainName: domain.name,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
    });
    new apigw.ApiMapping(this, 'DomainMapping', { api: this.httpApi, domainName, stage: this.stage });
  }
}

/** The backend that runs an operation's module: the one listing it, else the one running every module. */
function backendOf(operation: Operation, backends: readonly ApiBackend[]): ApiBackend {
  const found =
    backends.find((backend) => backend.modules.includes(operation.module)) ??
    backends.find((backend) => backend.modules.includes('*'));
  if (!found) {
    throw new Error(
      `HttpApiGateway: no backend runs module "${operation.module}" (${operation.operationId}); list it in a service's modules`,
    );
  }
  return found;
}
