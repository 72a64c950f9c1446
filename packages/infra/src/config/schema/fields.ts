import { type TObject, type TProperties, type TSchemaOptions, Type } from 'typebox';

/**
 * Annotations the config schema adds to JSON Schema (TypeBox keeps unknown keywords):
 * - `fix`: what to write instead, as it reads after "use" in an error (e.g. 'the 12-digit AWS account id');
 * - `hint`: why a range is what it is, shown after the range (e.g. 'gp3 minimum is 20');
 * - `prodDefault`: the default of the stage named `prod` where it differs from `default` (applied by `stageDefaults`).
 */
export interface FieldOptions extends TSchemaOptions {
  readonly fix?: string;
  readonly hint?: string;
  readonly prodDefault?: unknown;
}

/** One section of a stage (`network`, `database`, ...): closed to unknown keys, defaulted as a whole. */
export function section<P extends TProperties>(properties: P, description: string): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, default: {}, description });
}

/** `{ name, certificateArn }` of a custom domain; the certificate's region is checked by `validateStage`. */
export const CustomDomain = Type.Object(
  {
    name: Type.String({
      pattern: '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$',
      fix: 'a lowercase domain name such as "app.example.com"',
      description: 'Fully qualified domain name, e.g. `api.example.com`.',
    }),
    certificateArn: Type.String({
      description:
        'ARN of an ACM certificate for `name` (API Gateway: in the stack region; CloudFront: in us-east-1).',
    }),
  },
  { additionalProperties: false },
);
