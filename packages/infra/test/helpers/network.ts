import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../src/cdk-app.ts';
import type { BuildEgress } from '../../src/config/types.ts';
import { Network, type NetworkProps } from '../../src/constructs/network.ts';
import { TEST_ENV } from './synth.ts';

export const ZONES = ['us-east-1a', 'us-east-1b'];

/** A stack whose AZs are fixed, as RuntimeStack's are, so nothing is looked up. */
class NetworkStack extends Stack {
  override get availabilityZones(): string[] {
    return ZONES;
  }
}

/** The Network construct alone in a stack, with cdk.json's flags plus `context`. */
export function synthNetwork(
  buildEgress?: BuildEgress,
  props: Partial<NetworkProps> = {},
  context: Record<string, unknown> = {},
): { network: Network; template: Template } {
  // As in synthStage: CDK's template lint only warns and takes most of the synth time.
  const app = createApp({ context, builtinCloudFormationValidation: false });
  const stack = new NetworkStack(app, 'Net', { env: TEST_ENV });
  const network = new Network(stack, 'Network', { availabilityZones: ZONES, buildEgress, ...props });
  return { network, template: Template.fromStack(stack) };
}
