import { Type } from 'typebox';
import { ApiSchema, EdgeSchema } from './api.ts';
import { DatabaseSchema, SecretsSchema } from './database.ts';
import { MigrationsSchema, PipelineSchema } from './delivery.ts';
import { NetworkSchema } from './network.ts';
import { ObservabilitySchema } from './observability.ts';
import { ServicesSchema } from './service.ts';
import { UsageSchema } from './usage.ts';

/** Everything one stage deploys. Every field may be left out of `shoestring.config.ts`; `default` fills it. */
export const StageSettingsSchema = Type.Object(
  {
    account: Type.String({
      pattern: '^\\d{12}$',
      fix: 'the 12-digit AWS account id',
      description:
        '12-digit AWS account. Default: $CDK_DEFAULT_ACCOUNT, else 000000000000 (synth only; deploy refuses it).',
    }),
    region: Type.String({
      pattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
      fix: 'a region name such as "us-east-1"',
      description: 'AWS region. Default: $CDK_DEFAULT_REGION, else us-east-1.',
    }),
    network: NetworkSchema,
    services: ServicesSchema,
    database: DatabaseSchema,
    secrets: SecretsSchema,
    api: ApiSchema,
    edge: EdgeSchema,
    observability: ObservabilitySchema,
    pipeline: PipelineSchema,
    migrations: MigrationsSchema,
    usage: UsageSchema,
  },
  { additionalProperties: false },
);

/** The names that go into resource names, SSM paths and DNS: the file's `project` and the stage's key. */
export const StageNamesSchema = Type.Object(
  {
    project: Type.String({
      default: 'shoestring',
      pattern: '^[a-z][a-z0-9-]{1,20}$',
      fix: 'a lowercase name of 2-21 letters, digits or -',
      description: 'Short lowercase name used in resource names, SSM paths and DNS.',
    }),
    stage: Type.String({
      pattern: '^[a-z][a-z0-9]{0,9}$',
      fix: 'a lowercase stage name of 1-10 letters or digits',
      description: 'The stage name (a key of `stages`).',
    }),
  },
  { additionalProperties: false },
);

/** A resolved stage: its names and its settings. */
export const StageConfigSchema = Type.Object(
  { ...StageNamesSchema.properties, ...StageSettingsSchema.properties },
  { additionalProperties: false },
);

/** The keys `shoestring.config.ts` may export at its top level. */
export const CONFIG_FILE_KEYS = ['project', 'shared', 'stages'] as const;
