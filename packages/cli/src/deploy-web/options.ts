import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { DeployWebOptions } from './deploy.ts';
import type { GracePeriod } from './plan.ts';
import { siteConfigFromFlags } from './site-config.ts';

/** Open tabs keep loading the previous build's chunks for this long after a deploy. */
export const DEFAULT_GRACE: GracePeriod = { hours: 48 };
export const DEFAULT_DIR = 'apps/web/dist';

export const DEPLOY_WEB_USAGE = `Usage: shoestring deploy-web --bucket B --distribution D [options]

Uploads the built site to S3 by content and invalidates only the changed stable-named paths on CloudFront.
Hashed assets (index-BcD3fG7h.js) are cached for a year; HTML and other files get no-cache.
With the stage's sign-in settings it also writes the site's runtime /config.json (no-cache); without them the
bucket's config.json is left as it is.

Options:
  --bucket B           the site bucket name (required)
  --distribution D     the CloudFront distribution id, e.g. E2QWRUHEXAMPLE (required unless --dry-run)
  --dir PATH           the built site (default: ${DEFAULT_DIR})
  --dry-run            print what would change; write nothing
  --invalidate-all     invalidate /* instead of the changed paths
  --wait               wait until CloudFront finishes the invalidation
  --grace-deploys N    delete files that left the build once N later deploys went without them
  --grace-hours H      ... or H hours after they left the build (default: ${'hours' in DEFAULT_GRACE ? DEFAULT_GRACE.hours : ''})
  --site-url URL       the site's URL (SSM <prefix>/site/url); with the two below, writes /config.json
  --auth-issuer URL    the sign-in issuer (SSM <prefix>/auth/issuer)
  --auth-client-id ID  the site's app client (SSM <prefix>/auth/client-id)
  --auth-hosted-ui-url URL  Cognito's managed login, for sign-out (SSM <prefix>/auth/hosted-ui-url; optional)
  --endpoint URL       an S3-compatible endpoint instead of AWS (path-style requests)
  --region R           the bucket's region (default: the AWS SDK chain, e.g. AWS_REGION)
  -h, --help           show this help

Credentials come from the standard AWS chain (environment, profile, SSO, container or instance role).`;

export interface DeployWebInvocation {
  options: DeployWebOptions;
  endpoint?: string;
  region?: string;
}

/** Parses and checks the flags; returns undefined for --help. */
export function parseDeployWebArgs(argv: string[], cwd = process.cwd()): DeployWebInvocation | undefined {
  const { values } = parseFlags(argv);
  if (values.help) return undefined;
  const dryRun = values['dry-run'] ?? false;
  return {
    options: {
      bucket: checkBucket(values.bucket),
      distributionId: checkDistribution(values.distribution, dryRun),
      dir: path.resolve(cwd, values.dir ?? DEFAULT_DIR),
      dryRun,
      invalidateAll: values['invalidate-all'] ?? false,
      wait: values.wait ?? false,
      grace: checkGrace(values['grace-deploys'], values['grace-hours']),
      siteConfig: siteConfigFromFlags({
        siteUrl: values['site-url'],
        issuer: values['auth-issuer'],
        clientId: values['auth-client-id'],
        hostedUiUrl: values['auth-hosted-ui-url'],
      }),
    },
    endpoint: checkEndpoint(values.endpoint),
    region: values.region,
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        bucket: { type: 'string' },
        distribution: { type: 'string' },
        dir: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'invalidate-all': { type: 'boolean' },
        wait: { type: 'boolean' },
        'grace-deploys': { type: 'string' },
        'grace-hours': { type: 'string' },
        'site-url': { type: 'string' },
        'auth-issuer': { type: 'string' },
        'auth-client-id': { type: 'string' },
        'auth-hosted-ui-url': { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${DEPLOY_WEB_USAGE}`);
  }
}

function checkBucket(bucket: string | undefined): string {
  if (!bucket) throw new CliError('--bucket is required: the name of the site bucket.');
  if (bucket.startsWith('s3://')) {
    throw new CliError(`--bucket takes the bucket name, not a URL: use --bucket ${bucket.slice(5)}.`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new CliError(
      `--bucket "${bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, . or -).`,
    );
  }
  return bucket;
}

function checkDistribution(id: string | undefined, dryRun: boolean): string {
  if (!id) {
    if (dryRun) return '';
    throw new CliError('--distribution is required: the CloudFront distribution id, e.g. E2QWRUHEXAMPLE.');
  }
  if (!/^[A-Z0-9]{6,}$/.test(id)) {
    throw new CliError(
      `--distribution "${id}" is not a distribution id. Pass the id (e.g. E2QWRUHEXAMPLE), not the domain name.`,
    );
  }
  return id;
}

function checkGrace(deploys: string | undefined, hours: string | undefined): GracePeriod {
  if (deploys !== undefined && hours !== undefined) {
    throw new CliError('Pass either --grace-deploys or --grace-hours, not both.');
  }
  if (deploys !== undefined) return { deploys: nonNegative('--grace-deploys', deploys, true) };
  if (hours !== undefined) return { hours: nonNegative('--grace-hours', hours, false) };
  return DEFAULT_GRACE;
}

function nonNegative(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new CliError(
      `${flag} must be a ${integer ? 'whole number' : 'number'} of 0 or more, got "${text}".`,
    );
  }
  return value;
}

function checkEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw new CliError(`--endpoint "${endpoint}" is not an http(s) URL, e.g. http://127.0.0.1:4568.`);
  }
  return endpoint;
}
