import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { type IPolicyValidationPluginBeta1, Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { addStage } from '../../src/app.ts';
import { createApp } from '../../src/cdk-app.ts';
import { CONTROL_TOWER_EXEMPTIONS, controlTowerValidator } from '../../src/checks/control-tower.ts';
import { resolveStage } from '../../src/config/index.ts';
import type { ShoestringConfigInput } from '../../src/config/types.ts';
import { EVERY_OPTION } from '../helpers/every-option.ts';
import { TEST_ENV } from '../helpers/synth.ts';

/** The stages whose templates the rules judge: the defaults, prod, and every option that adds resources. */
const STAGES: ReadonlyArray<[string, ShoestringConfigInput, string]> = [
  ['the default dev stage', {}, 'dev'],
  ['the default prod stage', {}, 'prod'],
  ['a prod stage with every option', EVERY_OPTION, 'prod'],
];

/** Synthesizes one stage under a validation plugin; returns the rule ids it reported, empty when it passed. */
function failedRules(
  input: ShoestringConfigInput,
  stage: string,
  plugin: IPolicyValidationPluginBeta1,
): string[] {
  const app = createApp({ builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(plugin);
  addStage(app, resolveStage(input, stage, TEST_ENV));
  try {
    app.synth();
    return [];
  } catch (error) {
    const report = String((error as Error).message);
    const rules = [...report.matchAll(/\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/g)].map((m) => m[1] as string);
    if (rules.length === 0) throw error;
    return [...new Set(rules)].sort();
  }
}

/** `CT.ECS.PR.3` as the guard file names it: `ct-ecs-pr-3`. */
const fileNameOf = (ruleId: string) => ruleId.toLowerCase().replaceAll('.', '-');

describe('AWS Control Tower proactive controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard)', () => {
  for (const [name, input, stage] of STAGES) {
    it(`GIVEN ${name} WHEN synthesized under the rules THEN every rule not exempted passes`, {
      timeout: 300_000,
    }, () => {
      expect(failedRules(input, stage, controlTowerValidator())).toEqual([]);
    });
  }

  it('THEN every exemption still fails somewhere, so none outlives its reason', { timeout: 600_000 }, () => {
    const rulesDir = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
      'rules/control-tower/cfn-guard',
    );
    const exempted = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.guard') && path.basename(file, '.guard') in CONTROL_TOWER_EXEMPTIONS)
      .map((file) => path.join(rulesDir, file));
    expect(exempted).toHaveLength(Object.keys(CONTROL_TOWER_EXEMPTIONS).length);
    const only = () =>
      new CfnGuardValidator({
        controlTowerRulesEnabled: false,
        rules: exempted,
        maxBuffer: 64 * 1024 * 1024,
      });
    const failing = new Set(
      STAGES.flatMap(([, input, stage]) => failedRules(input, stage, only()).map(fileNameOf)),
    );
    expect(Object.keys(CONTROL_TOWER_EXEMPTIONS).filter((rule) => !failing.has(rule))).toEqual([]);
  });
});
