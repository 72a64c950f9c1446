import { MODULE_NAMES } from '@shoestring/contract';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveStage } from '../src/config/index.ts';
import type { StageSettingsInput } from '../src/config/types.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };

function problemsOf(settings: StageSettingsInput): string {
  try {
    resolveStage({ stages: { dev: settings } }, 'dev', ENV);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe("a service's modules", () => {
  it('refuses a module the API does not have, naming the field, the value and the known modules', () => {
    const message = problemsOf({ services: { api: { modules: ['order'] } } });
    expect(message).toContain('services.api.modules');
    expect(message).toContain('unknown module "order"');
    for (const name of MODULE_NAMES) expect(message).toContain(`"${name}"`);
  });

  it('accepts every known module, split over services, and "*" alone', () => {
    const [first, ...others] = MODULE_NAMES;
    expect(() =>
      resolveStage(
        { stages: { dev: { services: { api: { modules: [first as string] }, rest: { modules: others } } } } },
        'dev',
        ENV,
      ),
    ).not.toThrow();
    expect(() =>
      resolveStage({ stages: { dev: { services: { api: { modules: ['*'] } } } } }, 'dev', ENV),
    ).not.toThrow();
  });
});
