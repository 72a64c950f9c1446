import { Type } from 'typebox';
import { section } from './fields.ts';

export const SecretStoreSchema = Type.Enum(['ssm', 'secretsmanager'], {
  default: 'ssm',
  description:
    'Where the database password lives. `ssm`: a SecureString parameter written by a custom resource (free, no ' +
    "rotation; the seed's preference). `secretsmanager`: a generated secret with rotation ($0.40/mo). Its " +
    'rotation Lambda runs in the build subnets, so unless they keep steady egress (`nat-gateway`, or ' +
    '`pipeline.natAlwaysOn`) the stage also gets a Secrets Manager interface endpoint there ($7.30/mo, ADR 0128).',
});

const identifier = 'a lowercase identifier';

export const DatabaseSchema = section(
  {
    engineVersion: Type.String({
      default: '17',
      pattern: '^1[4-9](\\.\\d+)?$',
      fix: 'a PostgreSQL major version such as "17" (or a pinned minor such as "17.9")',
      description:
        'PostgreSQL engine version. The major only (the default) lets RDS apply minor upgrades in the maintenance ' +
        'window (`autoMinorVersionUpgrade`) while the template keeps saying "17", so CloudFormation never tries to ' +
        '"downgrade" an instance RDS upgraded (aws/aws-cdk#15475). A pinned minor ("17.9") needs ' +
        '`autoMinorVersionUpgrade: false`; upgrades are then config changes.',
    }),
    autoMinorVersionUpgrade: Type.Boolean({
      default: true,
      description:
        'Let RDS apply minor engine upgrades (security fixes) in the weekly maintenance window, a short restart. ' +
        'Turn it off only together with a pinned minor `engineVersion`.',
    }),
    instanceType: Type.String({
      default: 't4g.micro',
      pattern: '^[a-z][a-z0-9]*\\.[a-z0-9]+$',
      fix: 'a class without "db.", e.g. "t4g.micro"',
      description: 'RDS instance class without the `db.` prefix.',
    }),
    allocatedStorageGb: Type.Integer({
      default: 20,
      minimum: 20,
      maximum: 65536,
      hint: 'gp3 minimum is 20',
      description: 'gp3 storage in GB (20 is the gp3 minimum).',
    }),
    maxAllocatedStorageGb: Type.Integer({
      default: 50,
      minimum: 20,
      maximum: 65536,
      hint: 'at least allocatedStorageGb',
      description:
        'Storage autoscaling ceiling in GB, at least `allocatedStorageGb`; equal turns autoscaling off.',
    }),
    multiAz: Type.Boolean({
      default: false,
      description: 'A standby in a second AZ, doubling the instance and storage price.',
    }),
    backupRetentionDays: Type.Integer({
      default: 1,
      prodDefault: 7,
      minimum: 0,
      maximum: 35,
      description: 'Days of automated backups. Default 7 for prod, 1 for other stages.',
    }),
    deletionProtection: Type.Boolean({
      default: false,
      prodDefault: true,
      description: 'Refuse to delete the instance. Default true for prod, false for other stages.',
    }),
    name: Type.String({
      default: 'shoestring',
      pattern: '^[a-z][a-z0-9_]{0,62}$',
      fix: identifier,
      description: 'Name of the application database.',
    }),
    username: Type.String({
      default: 'shoestring',
      pattern: '^(?!postgres$|rdsadmin$|admin$)[a-z][a-z0-9_]{0,15}$',
      fix: `${identifier} other than postgres, rdsadmin or admin`,
      description: 'Master user name (not secret; the password is).',
    }),
  },
  'The RDS PostgreSQL instance.',
);

export const SecretsSchema = section(
  {
    store: SecretStoreSchema,
    rotationDays: Type.Integer({
      default: 30,
      minimum: 0,
      maximum: 365,
      description: 'Rotation interval in days when `store` is `secretsmanager`; 0 turns rotation off.',
    }),
  },
  'The database password.',
);
