import { Aspects, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

import { Construct } from 'constructs';
import { NETWORK_DEFAULTS } from '../config/defaults.ts';
import type { BuildEgress } from '../config/types.ts';
import { acknowledge } from './acknowledge.ts';
import { natUserData } from './nat-instance/user-data.ts';

/**
 * Context key `npm run deploy` sets: the pinned NAT image is looked up (and cached in cdk.context.json) only then,
 * so `cdk synth` and the tests stay offline (ADR 0017, ADR 0121).
 */
export const NAT_IMAGE_LOOKUP_CONTEXT = 'shoestring:natImageLookup';

/** The tag that marks the NAT instance; the pipeline's NAT switch may start and stop only instances with it. */
export const NAT_INSTANCE_TAG = { key: 'shoestring:role', value: 'nat-instance' } as const;

export interface NetworkProps {
  /** Exactly two availability zone names (explicit, so synth needs no lookup). */
  readonly availabilityZones: readonly string[];
  /** @default NETWORK_DEFAULTS.cidr */
  readonly cidr?: string;
  /**
   * Egress of the `build` subnets where the migration build runs.
   * @default NETWORK_DEFAULTS.buildEgress
   */
  readonly buildEgress?: BuildEgress;
  /** @default NETWORK_DEFAULTS.natInstanceType */
  readonly natInstanceType?: string;
  /**
   * AMI of the NAT instance: `pinned` (looked up once at `npm run deploy`, cached in cdk.context.json; other
   * synths use the latest), `latest` (the SSM parameter at every deploy) or an `ami-...` id.
   * @default NETWORK_DEFAULTS.natImage
   */
  readonly natImage?: string;
  /**
   * An interface endpoint for Secrets Manager in the `build` subnets even when `buildEgress` is not `endpoints`:
   * the path of the database password's rotation Lambda, which runs there and would lose Secrets Manager whenever
   * the NAT instance is stopped (ADR 0128). `endpoints` egress has the endpoint anyway.
   * @default false
   */
  readonly secretsManagerEndpoint?: boolean;
}

/** Names of the subnet groups, for `vpc.selectSubnets({ subnetGroupName })`. */
export const SUBNET_GROUPS = { public: 'public', build: 'build', database: 'database' } as const;

/** Interface endpoints the migration build needs when it has no NAT (CodeBuild user guide, "vpc-support"). */
const BUILD_ENDPOINTS = {
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  Ssm: ec2.InterfaceVpcEndpointAwsService.SSM,
  SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Sts: ec2.InterfaceVpcEndpointAwsService.STS,
};

/**
 * The seed's network: a VPC over two AZs with public subnets for the Fargate tasks (public IPs, no NAT),
 * isolated subnets for RDS and private `build` subnets for the migration build, whose egress is one NAT
 * instance by default. An S3 gateway endpoint (free) serves image layers and artifacts.
 *
 * ### Cost
 * - NAT instance t4g.nano: $0.0042/h = $3.07/mo plus its public IPv4 $3.65/mo while running; the pipeline
 *   stops it between migrations, leaving its 8 GB gp3 volume (about $0.64/mo). EC2 pricing, 2026 (verify).
 * - `nat-gateway`: $0.045/h = $32.85/mo + $0.045/GB (Infracost test data 2024-07).
 * - `endpoints`: six interface endpoints in one AZ at $0.01/h = $43.80/mo (AWS PrivateLink pricing, read 2026-11).
 * - `secretsManagerEndpoint` (other egress): one interface endpoint in one AZ, $0.01/h = $7.30/mo plus $0.01/GB
 *   (AWS PrivateLink pricing, read 2026-11).
 * - S3 gateway endpoint, VPC, subnets, route tables: free.
 */
export class Network extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** Security group of the migration build (CodeBuild or the Fargate runner); RDS admits it on 5432. */
  public readonly migrationSecurityGroup: ec2.SecurityGroup;
  /** The NAT instance when `buildEgress` is `nat-instance`; the pipeline starts and stops it. */
  public readonly natInstance?: ec2.Instance;
  /** The Secrets Manager interface endpoint of the `build` subnets, with `endpoints` egress or when asked for. */
  public readonly secretsManagerEndpoint?: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const buildEgress = props.buildEgress ?? NETWORK_DEFAULTS.buildEgress;
    const natProvider = createNatProvider(buildEgress, {
      instanceType: new ec2.InstanceType(props.natInstanceType ?? NETWORK_DEFAULTS.natInstanceType),
      machineImage: this.natMachineImage(props.natImage ?? NETWORK_DEFAULTS.natImage),
    });
    this.vpc = this.createVpc(props, natProvider);
    this.natInstance =
      natProvider instanceof ec2.NatInstanceProviderV2 ? this.hardenNat(natProvider) : undefined;
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const endpoints = this.addBuildEndpoints(
      buildEgress === 'endpoints'
        ? BUILD_ENDPOINTS
        : props.secretsManagerEndpoint
          ? { SecretsManager: BUILD_ENDPOINTS.SecretsManager }
          : {},
    );
    this.secretsManagerEndpoint = endpoints.get('SecretsManager');
    this.migrationSecurityGroup = new ec2.SecurityGroup(this, 'MigrationSecurityGroup', {
      vpc: this.vpc,
      description: 'Migration build (Liquibase); admitted by RDS on 5432',
    });
    acknowledge(this.vpc, [
      {
        id: 'AwsSolutions-EC23',
        reason:
          'The NAT instance admits traffic only from the VPC CIDR (a token, which the rule cannot read).',
      },
      {
        id: 'CloudFormation-Validate::W3010',
        reason: 'AZ names come from the config so synth needs no AZ lookup or credentials.',
      },
      {
        id: 'AwsSolutions-VPC7',
        reason: 'Flow logs bill per GB ingested; the seed is cost conscious. Enable them per incident.',
      },
    ]);
  }

  /** Subnets of the migration build (private, egress per `buildEgress`). */
  get buildSubnets(): ec2.SelectedSubnets {
    return this.vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.build });
  }

  /** Public subnets: Fargate tasks (with public IPs) and the VPC link. */
  get publicSubnets(): ec2.SelectedSubnets {
    return this.vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.public });
  }

  /** Isolated subnets of the database. */
  get databaseSubnets(): ec2.SelectedSubnets {
    return this.vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.database });
  }

  private createVpc(props: NetworkProps, natProvider?: ec2.NatProvider): ec2.Vpc {
    const hasNat = natProvider !== undefined;
    return new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? NETWORK_DEFAULTS.cidr),
      availabilityZones: [...props.availabilityZones],
      natGateways: hasNat ? 1 : 0,
      natGatewayProvider: natProvider,
      natGatewaySubnets: { subnetGroupName: SUBNET_GROUPS.public },
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: SUBNET_GROUPS.public, subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        {
          name: SUBNET_GROUPS.build,
          subnetType: hasNat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 24,
        },
        { name: SUBNET_GROUPS.database, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
  }

  /** Only the VPC may send traffic through the NAT instance; IMDSv2 only. */
  private hardenNat(provider: ec2.NatInstanceProviderV2): ec2.Instance {
    provider.securityGroup.addIngressRule(
      ec2.Peer.ipv4(this.vpc.vpcCidrBlock),
      ec2.Port.allTraffic(),
      'NAT for the VPC',
    );
    const [instance] = provider.gatewayInstances;
    if (!instance) throw new Error('Network: the NAT provider created no instance');
    Aspects.of(instance).add(new ec2.InstanceRequireImdsv2Aspect());
    Tags.of(instance).add(NAT_INSTANCE_TAG.key, NAT_INSTANCE_TAG.value);
    acknowledge(instance, [
      {
        id: 'AwsSolutions-EC26',
        reason: 'The NAT instance root volume holds only the OS; nothing to encrypt at rest.',
      },
      {
        id: 'AwsSolutions-EC28',
        reason: 'Detailed monitoring costs extra; basic metrics suffice for a NAT instance.',
      },
      {
        id: 'AwsSolutions-EC29',
        reason: 'The NAT instance is stateless and rebuilt by CloudFormation; no termination protection.',
      },
      {
        id: 'CloudFormation-Validate::W9010',
        reason:
          'A literal AMI id is the point of network.natImage pinned or ami-...: a new AMI replaces the instance.',
      },
    ]);
    return instance;
  }

  /**
   * A new AMI means a new instance (ImageId cannot change in place), so by default the image is pinned: the
   * lookup runs only under `npm run deploy` and its answer stays in cdk.context.json until reset.
   */
  private natMachineImage(natImage: string): ec2.IMachineImage {
    if (natImage.startsWith('ami-')) {
      return ec2.MachineImage.genericLinux({ [Stack.of(this).region]: natImage });
    }
    const pinned =
      natImage === 'pinned' && String(this.node.tryGetContext(NAT_IMAGE_LOOKUP_CONTEXT)) === 'true';
    return ec2.MachineImage.latestAmazonLinux2023({
      cpuType: ec2.AmazonLinuxCpuType.ARM_64,
      cachedInContext: pinned,
    });
  }

  /** Interface endpoints in the `build` subnets, by name (the name is also the construct id). */
  private addBuildEndpoints(
    services: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>,
  ): Map<string, ec2.InterfaceVpcEndpoint> {
    const [firstZone] = this.vpc.availabilityZones;
    // One AZ is enough: private DNS serves the whole VPC and neither the build nor rotation is latency sensitive.
    const subnets = {
      subnetGroupName: SUBNET_GROUPS.build,
      availabilityZones: firstZone ? [firstZone] : undefined,
    };
    const endpoints = new Map<string, ec2.InterfaceVpcEndpoint>();
    for (const [name, service] of Object.entries(services)) {
      endpoints.set(name, this.vpc.addInterfaceEndpoint(name, { service, subnets, privateDnsEnabled: true }));
    }
    return endpoints;
  }
}

function createNatProvider(
  buildEgress: BuildEgress,
  image: { instanceType: ec2.InstanceType; machineImage: ec2.IMachineImage },
): ec2.NatProvider | undefined {
  if (buildEgress === 'nat-gateway') return ec2.NatProvider.gateway();
  if (buildEgress !== 'nat-instance') return undefined;
  return ec2.NatProvider.instanceV2({
    ...image,
    userData: natUserData(),
    defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
    associatePublicIpAddress: true,
  });
}
