import { Type } from 'typebox';
import { CustomDomain, section } from './fields.ts';

/** API Gateway's account-wide defaults (aws-facts: API Gateway "limits"); a stage throttle above them never applies. */
const ACCOUNT_RATE_LIMIT = 10_000;
const ACCOUNT_BURST_LIMIT = 5_000;

export const JwtSchema = Type.Object(
  {
    issuer: Type.String({
      pattern: '^https://\\S+$',
      fix: 'the issuer https URL',
      description: 'Token issuer, an https URL (e.g. a Cognito user pool or Auth0 tenant).',
    }),
    audience: Type.Array(Type.String(), {
      minItems: 1,
      fix: 'a list of at least one audience (client id)',
      description: 'Accepted audiences (client ids). At least one.',
    }),
  },
  {
    additionalProperties: false,
    description: 'JWT authorizer on every route ("auth first"). Default: none.',
  },
);

export const ApiSchema = section(
  {
    throttle: section(
      {
        rateLimit: Type.Integer({
          default: 100,
          minimum: 1,
          maximum: ACCOUNT_RATE_LIMIT,
          hint: 'the account limit is 10,000 rps',
          description: 'Steady requests per second of the `$default` stage.',
        }),
        burstLimit: Type.Integer({
          default: 200,
          minimum: 1,
          maximum: ACCOUNT_BURST_LIMIT,
          hint: 'the account burst is 5,000',
          description: 'Burst of the `$default` stage.',
        }),
      },
      "`$default` stage throttle, below the account's shared 10,000 rps / 5,000 burst.",
    ),
    jwt: Type.Optional(JwtSchema),
    corsOrigins: Type.Array(
      Type.String({
        pattern: '^(\\*|https?://[a-z0-9.-]+(:\\d+)?)$',
        fix: '"*" or an origin like "https://example.com" (no path)',
      }),
      {
        default: [],
        description:
          'Origins allowed by CORS. Empty turns CORS off, which is right when the site reaches the API through the ' +
          "distribution's `/api/*` behaviour (same origin).",
      },
    ),
    domain: Type.Optional(
      Type.Object(CustomDomain.properties, {
        additionalProperties: false,
        description:
          'Custom domain of the HTTP API (certificate in the stack region). Default: the execute-api URL.',
      }),
    ),
  },
  'The HTTP API in front of the services.',
);

/** CloudFront's Content-Security-Policy default: same origin only. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

export const PriceClassSchema = Type.Enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'], {
  default: 'PriceClass_100',
  description: 'CloudFront price class. PriceClass_100 (North America and Europe) is the cheapest.',
});

export const EdgeSchema = section(
  {
    routeApi: Type.Boolean({
      default: true,
      description: 'Route `/api/*` on the distribution to the HTTP API so site and API share one origin.',
    }),
    priceClass: PriceClassSchema,
    domain: Type.Optional(
      Type.Object(CustomDomain.properties, {
        additionalProperties: false,
        description:
          'Custom domain of the site (certificate in us-east-1). Default: the cloudfront.net name.',
      }),
    ),
    contentSecurityPolicy: Type.String({
      default: CONTENT_SECURITY_POLICY,
      description: 'Content-Security-Policy sent with every response of the site.',
    }),
  },
  'The CloudFront distribution of the site.',
);
