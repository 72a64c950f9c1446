import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';

import { Construct } from 'constructs';
import { EDGE_DEFAULTS } from '../config/defaults.ts';
import type { CustomDomainSettings, EdgeSettings } from '../config/types.ts';
import { acknowledge } from './acknowledge.ts';

/** The SPA fallback function's source, kept as a file so it is tested by running it. */
export const SPA_FALLBACK_PATH = fileURLToPath(new URL('../../edge/spa-fallback.js', import.meta.url));
/** Where the site build puts content-hashed files (Vite's default). */
export const HASHED_ASSETS_PATH = '/assets/*';

export interface StaticSiteProps {
  /** `https://<id>.execute-api...` endpoint of the HTTP API, routed at `/api/*`. @default undefined - no API behaviour */
  readonly apiEndpoint?: string;
  /** @default EDGE_DEFAULTS.priceClass */
  readonly priceClass?: EdgeSettings['priceClass'];
  /** @default undefined - the cloudfront.net name only */
  readonly domain?: CustomDomainSettings;
  /** @default EDGE_DEFAULTS.contentSecurityPolicy (same origin only) */
  readonly contentSecurityPolicy?: string;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The seed's frontend hosting: a private, versioned S3 bucket behind CloudFront with Origin Access Control,
 * HTTP/2 and HTTP/3, security headers, an SPA fallback, long caching for hashed assets and revalidation for
 * `index.html`; optionally `/api/*` to the HTTP API so site and API share one origin (no CORS).
 * The pipeline uploads with `shoestring deploy-web` (not `BucketDeployment`; aws-facts: aws-cdk#15891).
 *
 * ### Cost
 * Always free: 1 TB out, 10 M requests and 2 M function invocations per month; then $0.085 per GB (NA/EU)
 * and $0.01 per 10 k HTTPS requests (CloudFront pricing, read 2026-11). S3 $0.023 per GB-mo (S3 pricing, 2026-11); old versions expire after 30 days.
 */
export class StaticSite extends Construct {
  /** The site's bucket. */
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: StaticSiteProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.distribution = this.createDistribution(props);
    this.suppressFindings();
  }

  /** The site's URL (custom domain when configured). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private createDistribution(props: StaticSiteProps): cloudfront.Distribution {
    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const responseHeadersPolicy = this.createSecurityHeaders(
      props.contentSecurityPolicy ?? EDGE_DEFAULTS.contentSecurityPolicy,
    );
    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      code: cloudfront.FunctionCode.fromInline(readFileSync(SPA_FALLBACK_PATH, 'utf8')),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serve /index.html for client-side routes',
    });
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {
      [HASHED_ASSETS_PATH]: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
        compress: true,
      },
    };
    if (props.apiEndpoint)
      additionalBehaviors['/api/*'] = apiBehavior(props.apiEndpoint, responseHeadersPolicy);
    return new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Shoestring site',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: (props.priceClass ?? EDGE_DEFAULTS.priceClass) as cloudfront.PriceClass,
      minimumProtocolVersion: props.domain ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.domain ? [props.domain.name] : undefined,
      certificate: props.domain
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
        : undefined,
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: this.createHtmlCachePolicy(),
        responseHeadersPolicy,
        compress: true,
        functionAssociations: [
          { function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors,
    });
  }

  /** HTML and other unhashed files: the origin's `Cache-Control: no-cache` wins, so a deploy shows at once. */
  private createHtmlCachePolicy(): cloudfront.CachePolicy {
    return new cloudfront.CachePolicy(this, 'HtmlCachePolicy', {
      comment: 'Unhashed files: honour origin Cache-Control, default no caching',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  }

  private createSecurityHeaders(contentSecurityPolicy: string): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Shoestring security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });
  }

  private suppressFindings(): void {
    acknowledge(this.bucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'Server access logs cost storage; CloudFront is the only reader (OAC) and the pipeline the only writer.',
      },
    ]);
    acknowledge(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'No geo restriction: the site is public.' },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'WAF costs $5/mo plus rules; the API has stage throttling. Add a web ACL when traffic warrants.',
      },
      { id: 'AwsSolutions-CFR3', reason: 'Standard logs cost storage; the API keeps its own access log.' },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront uses its default certificate, which fixes the TLS policy; with one, TLSv1.2_2021.',
      },
    ]);
  }
}

/** `/api/*` straight to the HTTP API: nothing cached, every viewer header but Host forwarded. */
function apiBehavior(
  apiEndpoint: string,
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
): cloudfront.BehaviorOptions {
  const apiDomain = Fn.select(2, Fn.split('/', apiEndpoint));
  return {
    origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy,
  };
}
