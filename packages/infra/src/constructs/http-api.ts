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

/** A backend the API routes to. The first one given also receives every path no module claims. */
export interface ApiBackend {
  readonly name: string;
  /** Modules whose `/api/<module>` paths go to this backend; `*` claims nothing specific. */
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
  /** @default CONTAINER_PORT */
  readonly port?: number;
  /** `$default` stage throttle; keep it below the account's 10,000 rps / 5,000 burst. @default API_DEFAULTS.throttle */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default undefined - no authorizer; the API authenticates itself */
  readonly jwt?: JwtSettings;
  /** @default [] - CORS off (same origin through CloudFront) */
  readonly corsOrigins?: readonly string[];
  /** @default undefined - the execute-api URL only */
  readonly domain?: CustomDomainSettings;
  /** @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Methods routed when a JWT authorizer is on. No OPTIONS: an authorized `ANY` route would swallow CORS preflights
 * (browsers send them without a token); with no OPTIONS route, API Gateway answers them from the CORS config.
 */
const AUTHORIZED_METHODS = [
  apigw.HttpMethod.GET,
  apigw.HttpMethod.POST,
  apigw.HttpMethod.PUT,
  apigw.HttpMethod.PATCH,
  apigw.HttpMethod.DELETE,
  apigw.HttpMethod.HEAD,
];

/** Path prefix of every API route; the backend sees the path without it. */
export const API_PREFIX = '/api';

/**
 * The seed's front door: an HTTP API (cheaper than an ALB below about 20 M requests a month) with an explicit VPC
 * link into the public subnets and a Cloud Map integration per backend. `ANY /api/{proxy+}` reaches the container as
 * `/{proxy}` (parameter mapping `overwrite:path`), on the `$default` stage so no stage name is prepended
 * (aws-facts: "http-api-develop-integrations-private").
 *
 * ### Cost
 * $1.00 per million requests (first 300 M, metered in 512 KB units); the VPC link is assumed free (unconfirmed);
 * access logs $0.50 per GB ingested (API Gateway and CloudWatch pricing pages, read 2026-11).
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
  private readonly port: number;
  private readonly methods: apigw.HttpMethod[];

  constructor(scope: Construct, id: string, props: HttpApiGatewayProps) {
    super(scope, id);
    if (props.backends.length === 0) throw new Error('HttpApiGateway: give at least one backend');
    this.port = props.port ?? CONTAINER_PORT;
    this.methods = props.jwt ? AUTHORIZED_METHODS : [apigw.HttpMethod.ANY];
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
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays),
    });
    this.stage = this.createStage(props);
    for (const [index, backend] of props.backends.entries()) this.addBackend(backend, index === 0);
    if (props.domain) this.addDomain(props.domain);
    if (!props.jwt) {
      acknowledge(this.httpApi, [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'No JWT issuer configured: the API authenticates requests itself. Set api.jwt to authorize at the gateway.',
        },
      ]);
    }
  }

  /** The stage's invoke URL, e.g. `https://abc123.execute-api.us-east-1.amazonaws.com/`. */
  get url(): string {
    return this.stage.url;
  }

  private createApi(props: HttpApiGatewayProps): apigw.HttpApi {
    const origins = props.corsOrigins ?? [];
    return new apigw.HttpApi(this, 'Api', {
      description: 'Shoestring API: /api/* to the Fargate services through Cloud Map',
      createDefaultStage: false,
      defaultAuthorizer: props.jwt
        ? new HttpJwtAuthorizer('Jwt', props.jwt.issuer, { jwtAudience: [...props.jwt.audience] })
        : undefined,
      corsPreflight:
        origins.length > 0
          ? {
              allowOrigins: [...origins],
              allowMethods: [apigw.CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'traceparent'],
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

  /** Routes `/api/<module>[/...]` (or everything, for the first backend) to a backend through the VPC link. */
  private addBackend(backend: ApiBackend, isDefault: boolean): void {
    backend.securityGroup.connections.allowFrom(
      this.vpcLinkSecurityGroup,
      ec2.Port.tcp(this.port),
      'HTTP API VPC link',
    );
    const prefixes = backend.modules.filter((module) => module !== '*').map((module) => `/${module}`);
    if (isDefault) prefixes.push('');
    for (const prefix of prefixes) {
      const id = `${backend.name}${prefix.replace('/', '-')}`;
      this.route(`${API_PREFIX}${prefix}/{proxy+}`, `${prefix}/$request.path.proxy`, backend, `${id}-proxy`);
      this.route(`${API_PREFIX}${prefix}`, prefix || '/', backend, `${id}-root`);
    }
  }

  private route(path: string, backendPath: string, backend: ApiBackend, id: string): void {
    this.httpApi.addRoutes({
      path,
      methods: this.methods,
      integration: new HttpServiceDiscoveryIntegration(id, backend.cloudMapService, {
        vpcLink: this.vpcLink,
        parameterMapping: new apigw.ParameterMapping().overwritePath(apigw.MappingValue.custom(backendPath)),
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
