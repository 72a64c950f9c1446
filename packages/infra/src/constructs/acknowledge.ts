import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A cdk-nag rule this code knowingly does not follow, with the written reason. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** Acknowledges cdk-nag rules on a construct and everything under it (cdk-nag v3 uses CDK `Validations`). */
export function acknowledge(scope: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
  for (const { id, reason } of acknowledgements) Validations.of(scope).acknowledge({ id, reason });
}
