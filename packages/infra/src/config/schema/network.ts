import { Type } from 'typebox';
import { section } from './fields.ts';

export const BuildEgressSchema = Type.Enum(['nat-instance', 'endpoints', 'none', 'nat-gateway'], {
  default: 'nat-instance',
  description:
    'Egress of the private subnets the migration build runs in (CodeBuild in a VPC gets no public IP). ' +
    '`nat-instance`: one t4g.nano NAT instance the pipeline starts and stops around migrations (about $3/mo when ' +
    'always on). `endpoints`: interface endpoints (logs, ssm, secretsmanager, ecr, sts) in one AZ, about $7.30/mo ' +
    "each. `none`: isolated (use it with `migrations.runner: 'fargate-task'`). `nat-gateway`: one managed NAT " +
    'gateway, $32.85/mo plus data.',
});

export const NetworkSchema = section(
  {
    cidr: Type.String({
      default: '10.0.0.0/16',
      pattern: '^(\\d{1,3}\\.){3}\\d{1,3}/(1[6-9]|2[0-1])$',
      fix: 'an IPv4 CIDR from /16 to /21',
      description: 'IPv4 range of the VPC.',
    }),
    availabilityZones: Type.Array(Type.String(), {
      description:
        'Exactly two availability zone names of the region. Explicit so synth needs no AWS lookup; change them if ' +
        'the VPC link reports an unsupported AZ (a few AZ IDs have no VPC link support). `npm run deploy` and ' +
        '`shoestring doctor` look up the ids these names map to in the account and refuse ids without VPC links ' +
        "(ADR 0127). Default: ['<region>a', '<region>b'].",
    }),
    availabilityZoneIds: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z]+\\d+-az\\d+$', fix: 'a zone id such as "use1-az1"' }), {
        description:
          'The zone ids `availabilityZones` must map to in this account, in the same order (zone names map to ' +
          'different physical zones in each account; ids do not). Checked offline against the ids AWS lists for ' +
          'HTTP API VPC links, and against the account by `npm run deploy` and `shoestring doctor`, which stop ' +
          'on a mismatch. Default: none (the ids are still looked up and checked at deploy).',
      }),
    ),
    buildEgress: BuildEgressSchema,
    natInstanceType: Type.String({
      default: 't4g.nano',
      pattern: '^[a-z]\\d+g[a-z]*\\.[a-z0-9]+$',
      fix: 'an ARM (Graviton) type such as "t4g.nano"',
      description: 'EC2 instance type of the NAT instance (ARM types only, the AMI is arm64).',
    }),
    natImage: Type.String({
      default: 'pinned',
      pattern: '^(pinned|latest|ami-[0-9a-f]{8,17})$',
      fix: '"pinned", "latest" or an AMI id such as "ami-0123456789abcdef0"',
      description:
        'AMI of the NAT instance. `pinned`: the latest Amazon Linux 2023 when the stage is first deployed with ' +
        '`npm run deploy`, cached in packages/infra/cdk.context.json (commit it; `cdk context --reset` and a deploy ' +
        'move it on). `latest`: the newest AMI at every deploy, which replaces the instance whenever AWS publishes ' +
        'one. An `ami-...` id: exactly that image. A new AMI always means a new instance (ADR 0121).',
    }),
  },
  'The VPC: public subnets for the tasks, isolated ones for the database, private ones for the build.',
);
