/**
 * Shoestring's one config: what each stage deploys and what `shoestring cost` assumes.
 * Every field is optional; the defaults are the cheapest sane choice. The full reference, with each default,
 * is the schema in `packages/infra/src/config/schema/`. Invalid values fail `npm run synth` with the field and
 * the fix.
 *
 * Defaults in short (dev | prod where they differ):
 * - account: $CDK_DEFAULT_ACCOUNT or a placeholder (synth only); region: $CDK_DEFAULT_REGION (the CDK CLI's, from
 *   AWS_REGION or the profile; `npm run deploy` resolves it the same way) or us-east-1
 * - network: 10.0.0.0/16 over <region>a and <region>b (their zone ids are checked for VPC links at deploy; pin them
 *   with availabilityZoneIds); buildEgress 'nat-instance' (t4g.nano, stopped between
 *   migrations, AMI pinned at the first `npm run deploy`: natImage 'pinned' | 'latest' | 'ami-...'); alternatives
 *   'endpoints' | 'none' | 'nat-gateway'
 * - services: { api: { modules: ['*'] } }, each 256 CPU / 512 MiB, arm64, 1-2 tasks, CPU 70% / memory 75% targets,
 *   Cloud Map 'multivalue', 60 s drain on SIGTERM (API Gateway caches Cloud Map answers 45-60 s).
 *   Split modules with e.g. { api: { modules: ['orders'] }, catalog: { modules: ['catalog'] } }
 * - database: PostgreSQL 17 (RDS applies minor upgrades), t4g.micro, 20 GB gp3 (autoscaling to 50), single-AZ,
 *   backups 1 | 7 days, deletion protection off | on; every stage keeps a final snapshot and the password when
 *   CloudFormation removes the instance
 * - secrets: store 'ssm' (SecureString via custom resource); 'secretsmanager' rotates every 30 days (through a
 *   Secrets Manager endpoint in the build subnets unless their egress never stops)
 * - auth: on; a Cognito user pool per stage (Lite plan, self sign-up, 'admin' group, hosted UI), kept in prod
 * - api: throttle 100 rps / 200 burst, JWT authorizer from the stage's pool (or api.jwt for an external issuer),
 *   no CORS (same origin through the edge), no domain
 * - edge: routeApi true (/api/* to the HTTP API), PriceClass_100, strict CSP, no domain
 * - observability: metrics and dashboards 'cloudwatch', log retention 7 | 30 days, alarm thresholds in the schema
 * - pipeline: no connection (no pipeline), branch main | release, manual approval before prod, NAT not always on
 * - migrations: runner 'codebuild-vpc' on a 'medium' build
 * - usage (for `shoestring cost`): 1 M requests, 4 KB responses, 1 GB logs, 5 GB site out, 20 deploys of
 *   6 build minutes, 1 task on average; the less common usage fields (site requests, trace sample rate, AMP
 *   series, Grafana users, ECR and S3 storage, NAT GB, database I/O, Cognito MAU) are listed in the schema's `usage.ts`
 */
import { defineConfig } from '@shoestring/infra/config';

export default defineConfig({
  project: 'shoestring',
  shared: {
    pipeline: { repository: 'example/shoestring' },
  },
  stages: {
    dev: {},
    prod: {
      services: { api: { modules: ['*'], minTasks: 1, maxTasks: 4 } },
    },
  },
});
