import { Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ssm from 'aws-cdk-lib/aws-ssm';

import { Construct } from 'constructs';
import { DATABASE_DEFAULTS, OBSERVABILITY_DEFAULTS, SECRETS_DEFAULTS } from '../config/defaults.ts';
import type { DatabaseSettings, SecretStore } from '../config/types.ts';
import { acknowledge } from './acknowledge.ts';
import { SecureStringPassword } from './secure-string-password.ts';

/** PostgreSQL's port, explicit so security group rules carry the number rather than a token. */
export const POSTGRES_PORT = 5432;

/** The instance's settings from the config (`database`); each defaults to `DATABASE_DEFAULTS`. */
type InstanceSettings = Partial<Omit<DatabaseSettings, 'name'>>;

export interface DatabaseProps extends InstanceSettings {
  readonly vpc: ec2.IVpc;
  /** Isolated subnets for the instance. */
  readonly subnets: ec2.SubnetSelection;
  /** Prefix of SSM parameter names, e.g. `/shoestring/dev`. */
  readonly parameterPrefix: string;
  /** Security groups allowed in on 5432 besides the services (the migration build). */
  readonly allowFrom?: readonly ec2.ISecurityGroup[];
  /** `rds.Credentials` name of the database; the config's `database.name`. @default DATABASE_DEFAULTS.name */
  readonly databaseName?: string;
  /** @default SECRETS_DEFAULTS.store */
  readonly secretStore?: SecretStore;
  /** Days between rotations with `secretsmanager`; 0 turns rotation off. @default SECRETS_DEFAULTS.rotationDays */
  readonly rotationDays?: number;
  /** Retention of the password custom resource's logs. @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
  /** Subnets the rotation Lambda runs in (they need a route to Secrets Manager). @default - `subnets` */
  readonly rotationSubnets?: ec2.SubnetSelection;
  /**
   * The Secrets Manager interface endpoint the rotation Lambda calls, when `rotationSubnets` have no steady egress
   * (ADR 0128). @default - the public Secrets Manager endpoint, through the subnets' egress
   */
  readonly rotationEndpoint?: ec2.IInterfaceVpcEndpoint;
}

/**
 * The seed's PostgreSQL: one RDS instance in isolated subnets, encrypted, TLS enforced (`rds.force_ssl`), reachable
 * only from the security groups it is told about. The password lives in SSM Parameter Store (default, written by a
 * custom resource and resolved by CloudFormation at deploy time) or in Secrets Manager with rotation.
 *
 * ### Cost
 * db.t4g.micro $0.016/h = $11.68/mo (Multi-AZ $23.36); gp3 $0.115 per GB-mo, 20 GB = $2.30/mo; backups up to
 * the storage size free (RDS pricing, secondary sources 2026). Secrets Manager adds $0.40/mo per secret. A
 * removed stage leaves its final snapshot, billed per GB-month like backups beyond the free amount, and its
 * password (free in Parameter Store, $0.40/mo in Secrets Manager) until you delete them.
 */
export class Database extends Construct {
  /** The RDS instance. */
  public readonly instance: rds.DatabaseInstance;
  /** Master user name. */
  public readonly username: string;
  /** Name of the application database. */
  public readonly databaseName: string;
  /** Where the password is: the SSM parameter name (`ssm`) or the secret ARN (`secretsmanager`). */
  public readonly credentialReference: string;
  /** The store `credentialReference` points into. */
  public readonly secretStore: SecretStore;
  private readonly passwordSecret: ecs.Secret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const settings = { ...DATABASE_DEFAULTS, ...definedOnly(props) };
    this.username = settings.username;
    this.databaseName = props.databaseName ?? DATABASE_DEFAULTS.name;
    this.secretStore = props.secretStore ?? SECRETS_DEFAULTS.store;
    const engine = createEngine(settings.engineVersion);
    const password =
      this.secretStore === 'ssm'
        ? new SecureStringPassword(this, 'Password', {
            parameterName: `${props.parameterPrefix}/db/password`,
            description: 'Master password of the RDS PostgreSQL instance',
            // The instance's snapshots outlive it, and they open only with this password.
            retainOnDelete: true,
            logRetention:
              props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays),
          })
        : undefined;
    this.instance = this.createInstance(settings, props, engine, password);
    if (password) {
      this.instance.node.addDependency(password);
      this.credentialReference = password.parameterName;
      this.passwordSecret = ecs.Secret.fromSsmParameter(
        ssm.StringParameter.fromSecureStringParameterAttributes(this, 'PasswordParameter', {
          parameterName: password.parameterName,
        }),
      );
    } else {
      const secret = this.instance.secret!;
      // The snapshots open only with this password: the secret (the instance's child `Secret`, of which
      // `instance.secret` is the attachment) stays when the stack or the instance goes.
      (this.instance.node.findChild('Secret') as rds.DatabaseSecret).applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.credentialReference = secret.secretArn;
      this.passwordSecret = ecs.Secret.fromSecretsManager(secret, 'password');
      this.addRotation(props);
    }
    for (const group of props.allowFrom ?? []) this.allowFrom(group, 'Migration build');
    this.suppressFindings(settings);
  }

  /** The password as an ECS container secret (`DB_PASSWORD`); never a plain environment variable. */
  get passwordForContainers(): ecs.Secret {
    return this.passwordSecret;
  }

  /** Admits a security group on the PostgreSQL port. */
  allowFrom(group: ec2.ISecurityGroup, description: string): void {
    this.instance.connections.allowFrom(group, ec2.Port.tcp(POSTGRES_PORT), description);
  }

  private createInstance(
    settings: Omit<DatabaseSettings, 'name'>,
    props: DatabaseProps,
    engine: rds.IInstanceEngine,
    password?: SecureStringPassword,
  ) {
    const credentials = password
      ? rds.Credentials.fromPassword(this.username, SecretValue.ssmSecure(password.parameterName))
      : rds.Credentials.fromGeneratedSecret(this.username, {
          excludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\',
        });
    return new rds.DatabaseInstance(this, 'Instance', {
      engine,
      instanceType: new ec2.InstanceType(settings.instanceType),
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      credentials,
      databaseName: this.databaseName,
      port: POSTGRES_PORT,
      allocatedStorage: settings.allocatedStorageGb,
      maxAllocatedStorage: settings.maxAllocatedStorageGb,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      publiclyAccessible: false,
      multiAz: settings.multiAz,
      backupRetention: Duration.days(settings.backupRetentionDays),
      deletionProtection: settings.deletionProtection,
      // Every stage, every way CloudFormation can remove the instance (stack deletion, the rollback of the
      // operation that created it, the cleanup after a replacing update) ends in a final snapshot (ADR 0125).
      removalPolicy: RemovalPolicy.SNAPSHOT,
      parameterGroup: new rds.ParameterGroup(this, 'Parameters', {
        engine,
        description: 'Shoestring PostgreSQL: TLS required',
        parameters: { 'rds.force_ssl': '1' },
      }),
      // With a major-only engineVersion (the default) RDS applies minor upgrades and the template stays true.
      autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
    });
  }

  private addRotation(props: DatabaseProps): void {
    const days = props.rotationDays ?? SECRETS_DEFAULTS.rotationDays;
    if (days === 0) return;
    this.instance.addRotationSingleUser({
      automaticallyAfter: Duration.days(days),
      vpcSubnets: props.rotationSubnets ?? props.subnets,
      endpoint: props.rotationEndpoint,
    });
  }

  private suppressFindings(props: Pick<DatabaseSettings, 'multiAz' | 'deletionProtection'>): void {
    const findings = [
      {
        id: 'AwsSolutions-RDS11',
        reason: 'The default port is fine: the instance is isolated and admits only listed security groups.',
      },
      {
        id: 'AwsSolutions-IAM4',
        reason: 'The enhanced-monitoring/rotation roles use AWS managed policies scoped by AWS.',
      },
    ];
    if (!props.multiAz)
      findings.push({
        id: 'AwsSolutions-RDS3',
        reason: 'Single-AZ by default to halve the bill; config database.multiAz turns it on.',
      });
    if (!props.deletionProtection)
      findings.push({
        id: 'AwsSolutions-RDS10',
        reason: 'Deletion protection is on for prod; off for dev stages that are torn down.',
      });
    if (this.secretStore === 'ssm')
      findings.push({
        id: 'AwsSolutions-SMG4',
        reason: "The password is in SSM Parameter Store (the seed's preference), which has no rotation.",
      });
    acknowledge(this, findings);
  }
}

/** `props` without the keys set to `undefined`, so spreading it over defaults keeps them. */
function definedOnly<T extends object>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A major-only version ("17") gives CloudFormation `EngineVersion: "17"`; RDS then runs the newest minor. */
function createEngine(version: string): rds.IInstanceEngine {
  const major = version.split('.')[0] ?? version;
  return rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(version, major) });
}
