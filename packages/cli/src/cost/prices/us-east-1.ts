import type { FreeTier, Price, PriceTable } from './types.ts';

// Every price below is the us-east-1 on-demand list price; `asOf` is the month its source was read.
// docs/cost.md explains how to update them. Verify a price on its source page before relying on it.
const price = (usd: number, unit: string, source: string, asOf: string): Price => ({
  usd,
  unit,
  source,
  asOf,
});
const free = (amount: number, unit: string, source: string, asOf: string): FreeTier => ({
  amount,
  unit,
  source,
  asOf,
});

const FARGATE = 'https://aws.amazon.com/fargate/pricing/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';
const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const EBS = 'https://aws.amazon.com/ebs/pricing/';
const RDS = 'https://aws.amazon.com/rds/postgresql/pricing/';
const CW = 'https://aws.amazon.com/cloudwatch/pricing/';
const CODEBUILD = 'https://aws.amazon.com/codebuild/pricing/';
const CODEPIPELINE = 'https://aws.amazon.com/codepipeline/pricing/';
const CLOUDFRONT = 'https://aws.amazon.com/cloudfront/pricing/';
const COGNITO = 'https://aws.amazon.com/cognito/pricing/';
const FREE_TIER = 'https://aws.amazon.com/free/ (always-free offers)';

export const usEast1: PriceTable = {
  region: 'us-east-1',
  hoursPerMonth: 730,
  fargate: {
    x86VcpuHour: price(0.04048, 'vCPU-hour', `${FARGATE} (Linux/x86)`, '2026-04'),
    x86GbHour: price(0.004445, 'GB-hour', `${FARGATE} (Linux/x86)`, '2026-04'),
    armVcpuHour: price(0.03238, 'vCPU-hour', `${FARGATE} (Linux/ARM)`, '2026-04'),
    armGbHour: price(0.00356, 'GB-hour', `${FARGATE} (Linux/ARM)`, '2026-04'),
    spotFactor: price(
      0.35,
      'x on-demand',
      `${FARGATE} (Spot is "up to 70% off" and varies; observed 50-70%, 0.35 errs high)`,
      '2026-04',
    ),
  },
  publicIpv4Hour: price(0.005, 'address-hour', `${VPC} (public IPv4, since 2024-02-01)`, '2026-04'),
  natGatewayHour: price(0.045, 'gateway-hour', VPC, '2026-04'),
  natGatewayGb: price(0.045, 'GB processed', VPC, '2026-04'),
  interfaceEndpointAzHour: price(
    0.01,
    'endpoint-AZ-hour',
    'https://aws.amazon.com/privatelink/pricing/',
    '2026-04',
  ),
  interfaceEndpointGb: price(0.01, 'GB processed', 'https://aws.amazon.com/privatelink/pricing/', '2026-04'),
  ec2Hour: {
    't4g.nano': price(0.0042, 'instance-hour', `${EC2} (Linux)`, '2026-04'),
    't4g.micro': price(0.0084, 'instance-hour', `${EC2} (Linux)`, '2026-04'),
    't4g.small': price(0.0168, 'instance-hour', `${EC2} (Linux)`, '2026-04'),
    't3.nano': price(0.0052, 'instance-hour', `${EC2} (Linux)`, '2026-04'),
    't3.micro': price(0.0104, 'instance-hour', `${EC2} (Linux)`, '2026-04'),
  },
  ebsGbMonth: {
    gp3: price(0.08, 'GB-month', EBS, '2026-04'),
    gp2: price(0.1, 'GB-month', EBS, '2026-04'),
  },
  albHour: price(0.0225, 'ALB-hour', 'https://aws.amazon.com/elasticloadbalancing/pricing/', '2026-04'),
  albLcuHour: price(0.008, 'LCU-hour', 'https://aws.amazon.com/elasticloadbalancing/pricing/', '2026-04'),
  httpApiMillion: price(
    1.0,
    'million requests (first 300 M)',
    'https://aws.amazon.com/api-gateway/pricing/',
    '2026-04',
  ),
  httpApiMillionOver300M: price(
    0.9,
    'million requests (over 300 M)',
    'https://aws.amazon.com/api-gateway/pricing/',
    '2026-04',
  ),
  dataTransferOutGb: price(
    0.09,
    'GB out to the internet',
    'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer',
    '2026-04',
  ),
  dataTransferOutFree: free(100, 'GB out per month, all services', FREE_TIER, '2026-04'),
  rdsPostgresHour: {
    'db.t4g.micro': price(0.016, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t4g.small': price(0.032, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t4g.medium': price(0.065, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t4g.large': price(0.129, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t3.micro': price(0.018, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t3.small': price(0.036, 'instance-hour (single-AZ)', RDS, '2026-04'),
    'db.t3.medium': price(0.072, 'instance-hour (single-AZ)', RDS, '2026-04'),
  },
  rdsStorageGbMonth: {
    gp2: price(0.115, 'GB-month (single-AZ)', RDS, '2026-05'),
    gp3: price(0.115, 'GB-month (single-AZ)', RDS, '2026-05'),
  },
  rdsBackupGbMonth: price(0.095, 'GB-month beyond 100% of storage', RDS, '2026-05'),
  auroraAcuHour: price(0.12, 'ACU-hour', 'https://aws.amazon.com/rds/aurora/pricing/', '2026-04'),
  auroraStorageGbMonth: price(0.1, 'GB-month', 'https://aws.amazon.com/rds/aurora/pricing/', '2026-04'),
  auroraIoMillion: price(
    0.2,
    'million I/O requests',
    'https://aws.amazon.com/rds/aurora/pricing/',
    '2026-04',
  ),
  cloudMapInstanceMonth: price(
    0.1,
    'registered instance-month',
    'https://aws.amazon.com/cloud-map/pricing/',
    '2025-08',
  ),
  hostedZoneMonth: price(0.5, 'hosted zone-month', 'https://aws.amazon.com/route53/pricing/', '2026-04'),
  secretMonth: price(0.4, 'secret-month', 'https://aws.amazon.com/secrets-manager/pricing/', '2026-04'),
  secretsApi10k: price(
    0.05,
    '10,000 API calls',
    'https://aws.amazon.com/secrets-manager/pricing/',
    '2026-04',
  ),
  ssmAdvancedParameterMonth: price(
    0.05,
    'advanced parameter-month',
    'https://aws.amazon.com/systems-manager/pricing/',
    '2026-04',
  ),
  kmsKeyMonth: price(1.0, 'customer managed key-month', 'https://aws.amazon.com/kms/pricing/', '2026-04'),
  // As transcribed from the pricing page on 2026-09-20 (shared/research/aws-facts.md); the feature-plan guide
  // (cognito-sign-in-feature-plans) read 2026-12-05 confirms per-MAU billing by plan.
  cognitoMau: {
    lite: price(0.0055, 'MAU above 10,000', COGNITO, '2026-09'),
    essentials: price(0.015, 'MAU above 10,000', COGNITO, '2026-09'),
    plus: price(0.02, 'MAU (no free tier)', COGNITO, '2026-09'),
  },
  cognitoMauFree: free(10_000, 'MAU a month (Lite and Essentials)', COGNITO, '2026-09'),
  logsIngestGb: price(0.5, 'GB ingested', CW, '2026-04'),
  logsStoreGbMonth: price(0.03, 'GB-month stored', CW, '2026-04'),
  logsFree: free(5, 'GB per month (ingestion and storage together)', CW, '2026-04'),
  alarmStandardMonth: price(0.1, 'standard-resolution alarm metric-month', CW, '2026-04'),
  alarmHighResolutionMonth: price(0.3, 'high-resolution alarm metric-month', CW, '2026-04'),
  alarmsFree: free(10, 'standard alarm metrics per month', CW, '2026-04'),
  customMetricMonth: price(0.3, 'custom metric-month (first 10,000)', CW, '2026-04'),
  customMetricsFree: free(10, 'custom metrics per month', CW, '2026-04'),
  dashboardMonth: price(3.0, 'dashboard-month', CW, '2026-04'),
  dashboardsFree: free(3, 'dashboards (up to 50 metrics each)', CW, '2026-04'),
  xrayTraceMillion: price(5.0, 'million traces recorded', 'https://aws.amazon.com/xray/pricing/', '2026-04'),
  xrayFree: free(100_000, 'traces recorded per month', 'https://aws.amazon.com/xray/pricing/', '2026-04'),
  ampSamples10M: price(
    0.9,
    '10 million samples ingested (first 2 B)',
    'https://aws.amazon.com/prometheus/pricing/',
    '2026-04',
  ),
  ampStorageGbMonth: price(0.03, 'GB-month stored', 'https://aws.amazon.com/prometheus/pricing/', '2026-04'),
  grafanaEditorMonth: price(
    9.0,
    'active editor or admin-month',
    'https://aws.amazon.com/grafana/pricing/',
    '2026-04',
  ),
  grafanaViewerMonth: price(5.0, 'active viewer-month', 'https://aws.amazon.com/grafana/pricing/', '2026-04'),
  codeBuildMinute: {
    'LINUX_CONTAINER/BUILD_GENERAL1_SMALL': price(0.005, 'build minute', CODEBUILD, '2026-04'),
    'LINUX_CONTAINER/BUILD_GENERAL1_MEDIUM': price(0.01, 'build minute', CODEBUILD, '2026-04'),
    'LINUX_CONTAINER/BUILD_GENERAL1_LARGE': price(0.02, 'build minute', CODEBUILD, '2026-04'),
    'ARM_CONTAINER/BUILD_GENERAL1_SMALL': price(0.0034, 'build minute (arm1.small)', CODEBUILD, '2026-04'),
  },
  codeBuildFree: free(100, 'general1.small and arm1.small build minutes per month', CODEBUILD, '2026-04'),
  pipelineV2ActionMinute: price(0.002, 'action execution minute', CODEPIPELINE, '2026-04'),
  pipelineV2Free: free(100, 'V2 action execution minutes per month', CODEPIPELINE, '2026-04'),
  pipelineV1Month: price(1.0, 'active V1 pipeline-month', CODEPIPELINE, '2026-04'),
  pipelineV1Free: free(1, 'active V1 pipeline per month', CODEPIPELINE, '2026-04'),
  ecrGbMonth: price(0.1, 'GB-month stored', 'https://aws.amazon.com/ecr/pricing/', '2026-04'),
  s3GbMonth: price(
    0.023,
    'GB-month (Standard, first 50 TB)',
    'https://aws.amazon.com/s3/pricing/',
    '2026-04',
  ),
  cloudFrontGb: price(0.085, 'GB out (North America/Europe, first 10 TB)', CLOUDFRONT, '2026-04'),
  cloudFrontHttps10k: price(0.01, '10,000 HTTPS requests', CLOUDFRONT, '2026-04'),
  cloudFrontFreeGb: free(1024, 'GB out per month', CLOUDFRONT, '2026-04'),
  cloudFrontFreeRequests: free(10_000_000, 'HTTP(S) requests per month', CLOUDFRONT, '2026-04'),
};
