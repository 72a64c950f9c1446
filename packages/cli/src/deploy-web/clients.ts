import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';

export interface ClientSettings {
  /** An S3-compatible endpoint (tests, MinIO); path-style requests. */
  endpoint?: string;
  /** @default the AWS SDK chain (AWS_REGION, the profile) */
  region?: string;
}

/**
 * Clients on the standard credential chain. A custom endpoint gets path-style addressing and checksums only
 * where S3 requires them, since S3-compatible servers often reject the newer flexible checksum headers.
 */
export function createClients(settings: ClientSettings): { s3: S3Client; cloudfront: CloudFrontClient } {
  const custom = settings.endpoint
    ? {
        endpoint: settings.endpoint,
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED' as const,
        responseChecksumValidation: 'WHEN_REQUIRED' as const,
      }
    : {};
  return {
    s3: new S3Client({ region: settings.region, ...custom }),
    // CloudFront is global; its API lives in us-east-1 whatever the bucket's region.
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
  };
}
