import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeStarConnectionsClient } from '@aws-sdk/client-codestar-connections';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/** The read-only clients of `shoestring doctor`, in the stage's region. */
export interface DoctorClients {
  readonly sts: STSClient;
  readonly cloudformation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly ecr: ECRClient;
  readonly ssm: SSMClient;
  readonly quotas: ServiceQuotasClient;
  /** The connection's own region (its ARN says which), which may differ from the stage's. */
  readonly connections: (region: string) => CodeStarConnectionsClient;
}

/** Clients on the standard credential chain (AWS_PROFILE, environment keys, SSO, a role). */
export function createDoctorClients(region: string): DoctorClients {
  return {
    sts: new STSClient({ region }),
    cloudformation: new CloudFormationClient({ region }),
    ec2: new EC2Client({ region }),
    ecr: new ECRClient({ region }),
    ssm: new SSMClient({ region }),
    quotas: new ServiceQuotasClient({ region }),
    connections: (connectionRegion) => new CodeStarConnectionsClient({ region: connectionRegion }),
  };
}
