import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CDK_BOOTSTRAP } from '../../src/checks/bootstrap.ts';

describe('CDK_BOOTSTRAP.minimumVersion', () => {
  it('GIVEN a stack synthesized by this aws-cdk-lib WHEN its artifact is read THEN the bootstrap version it and its lookup role require is the minimum the doctor asks for', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe', { env: { account: '123456789012', region: 'us-east-1' } });
    new CfnWaitConditionHandle(stack, 'Anything');
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    const required = Math.max(
      artifact.requiresBootstrapStackVersion ?? 0,
      artifact.lookupRole?.requiresBootstrapStackVersion ?? 0,
    );
    expect(required).toBe(CDK_BOOTSTRAP.minimumVersion);
    expect(artifact.bootstrapStackVersionSsmParameter).toContain('/cdk-bootstrap/');
  });
});
