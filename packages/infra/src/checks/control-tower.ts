import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';

/**
 * AWS Control Tower proactive controls this project knowingly does not meet, by rule (the guard file name of
 * `@cdklabs/cdk-validator-cfnguard`), each with its reason: a cost the seed design declines, or the design itself.
 * Every other rule must pass on every stage's templates (`test/stacks/control-tower.test.ts`); a rule listed here
 * that no longer fails is reported too, so this list only shrinks.
 */
export const CONTROL_TOWER_EXEMPTIONS: Readonly<Record<string, string>> = {
  // The seed's network: Fargate tasks in public subnets with public IPs instead of a NAT gateway.
  'ct-ec2-pr-11':
    'Public subnets assign public IPs: the seed runs tasks there to avoid a NAT gateway ($32.85/mo).',
  'ct-ecs-pr-9': 'Tasks get public IPs in public subnets (seed design; aws-facts: amazon-ecs-agent#1128).',
  'ct-ec2-pr-8': 'The NAT instance of the migration build needs a public IP to be a NAT (ADR 0010).',
  'ct-ec2-pr-19':
    'The t4g.nano NAT instance ($3/mo) has no in-transit encryption between instances; its traffic is TLS.',
  'ct-ec2-pr-10': 'Detailed monitoring of the NAT instance bills per metric; basic metrics suffice.',
  'ct-ec2-pr-13': 'Detailed monitoring of the NAT instance bills per metric; basic metrics suffice.',
  // Costs the seed declines at small scale; each is a setting away.
  'ct-cloudwatch-pr-2':
    'Logs are kept observability.logRetentionDays (7 dev / 30 prod), not a year: storage bills per GB-month.',
  'ct-cloudwatch-pr-3':
    'Log groups use CloudWatch-managed encryption; a customer key is $1/mo plus requests and a key policy.',
  'ct-s3-pr-10': 'Buckets use SSE-S3; SSE-KMS adds a key ($1/mo) and per-request charges.',
  'ct-rds-pr-30':
    'RDS encrypts with the AWS-managed key; a customer key is $1/mo and one more thing to rotate.',
  'ct-rds-pr-1': 'Multi-AZ doubles the database bill; database.multiAz turns it on.',
  'ct-rds-pr-2':
    'Enhanced monitoring bills CloudWatch Logs per instance; Performance Insights free tier is enough.',
  'ct-rds-pr-8':
    'Backups are kept 7 days in prod; dev keeps 1 (database.backupRetentionDays): backup storage beyond 100% bills.',
  'ct-s3-pr-2':
    'S3 server access logs bill per GB stored; CloudTrail data events or access logs per incident.',
  'ct-s3-pr-4': 'No bucket has a consumer for event notifications; an unused SNS/SQS target would be noise.',
  'ct-s3-pr-9':
    'Object Lock would make site and artifact objects undeletable; versioning with 30-day expiry covers mistakes.',
  'ct-rds-pr-14': 'PostgreSQL log export bills per GB ingested; turn it on per incident.',
  'ct-rds-pr-7':
    'The API and migrations sign in with the password from Parameter Store (ADR 0011), not IAM tokens.',
  'ct-rds-pr-13':
    'Deletion protection is on in prod (database.deletionProtection) and off in dev so a dev stage can be removed.',
  'ct-rds-pr-20': 'The database listens on 5432 in isolated subnets reached only by two security groups.',
  'ct-ecs-pr-2':
    'Container Insights bills per metric; the ADOT sidecar sends the metrics the dashboards chart.',
  'ct-lambda-pr-3':
    'Custom-resource Lambdas call only AWS APIs; in the VPC they would need the NAT instance or endpoints.',
  'ct-cloudfront-pr-4':
    'One origin bucket; a failover bucket in another region doubles storage for a static site.',
  'ct-cloudfront-pr-5': 'CloudFront standard logs bill per GB delivered to S3; enable per incident.',
  'ct-cloudfront-pr-6':
    'Without edge.domain the distribution uses the cloudfront.net certificate, which needs no custom certificate.',
  'ct-cloudfront-pr-7':
    'Without edge.domain the cloudfront.net certificate is used; SNI applies to custom ones.',
  'ct-cloudfront-pr-9': 'Without edge.domain CloudFront fixes the TLS policy of its default certificate.',
  // The design: anonymous catalog reads are public on purpose.
  'ct-apigateway-pr-5': 'The two anonymous catalog reads have authorization type NONE by design (ADR 0111).',
};

/** The Control Tower rules as a CDK policy-validation plugin, without the exempted ones. */
export function controlTowerValidator(): CfnGuardValidator {
  return new CfnGuardValidator({
    controlTowerRulesEnabled: true,
    disabledRules: Object.keys(CONTROL_TOWER_EXEMPTIONS),
    // The runtime template is large; the default 1 MB pipe buffer truncates cfn-guard's report.
    maxBuffer: 64 * 1024 * 1024,
  });
}
