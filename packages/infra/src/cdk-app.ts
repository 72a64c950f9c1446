import { readFileSync } from 'node:fs';
import { App, type AppProps } from 'aws-cdk-lib';
import { CDK_JSON } from './paths.ts';

/**
 * The `context` of packages/infra/cdk.json: the feature flags `cdk init` wrote for this aws-cdk-lib version.
 * The CDK CLI passes them to `bin/app.ts`; an app built in-process (tests, `shoestring cost --diff`) reads them
 * here, so every synth renders the same templates (ADR 0120).
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** An App with cdk.json's context (feature flags) under `props.context`, as `cdk synth` would build it. */
export function createApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
}
