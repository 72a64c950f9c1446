import { CfnOutput } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/**
 * Publishes a value twice: as a stack output (for people and `cdk deploy --outputs-file`) and as an SSM
 * String parameter `<prefix>/<key>` (for pipelines and the CLI, so nothing is hard-coded). Standard-tier
 * parameters are free (SSM user guide, parameter tiers).
 */
export class StackOutputs extends Construct {
  /** SSM parameter names by key, e.g. `site/bucket-name` -> `/shoestring/dev/site/bucket-name`. */
  public readonly parameterNames = new Map<string, string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly prefix: string,
  ) {
    super(scope, id);
  }

  /** `key` is `<area>/<name>` in kebab case, e.g. `db/endpoint`; the output id is its PascalCase form. */
  publish(key: string, value: string, description: string): void {
    const outputId = outputIdOf(key);
    new CfnOutput(this.node.scope ?? this, outputId, { value, description });
    const parameterName = `${this.prefix}/${key}`;
    new ssm.StringParameter(this, outputId, { parameterName, stringValue: value, description });
    this.parameterNames.set(key, parameterName);
  }
}

/** `network/nat-instance-id` -> `NetworkNatInstanceId`. */
export function outputIdOf(key: string): string {
  return key
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
