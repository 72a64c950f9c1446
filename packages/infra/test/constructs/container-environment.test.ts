import { CONTAINER_ENV, readContainerEnv } from '@shoestring/contract';
import { describe, expect, it } from 'vitest';
import { synthStage } from '../helpers/synth.ts';

describe('the compute construct writes the container contract', () => {
  it('GIVEN a service split where orders runs alone THEN synth stops, naming what orders cannot reach', () => {
    expect(() => synthStage({ stages: { dev: { services: { api: { modules: ['orders'] } } } } })).toThrow(
      /Service "api": its container environment breaks the container contract:\n {2}- orders needs catalog: add it to MODULES or set CATALOG_URL\n {2}- orders needs customers/,
    );
  });

  it('GIVEN the default stage THEN every variable is one of the contract and the literal values read back', () => {
    const dev = synthStage();
    const containers = Object.values(dev.template.findResources('AWS::ECS::TaskDefinition')).flatMap(
      (task) =>
        task.Properties.ContainerDefinitions as {
          Name: string;
          Environment: { Name: string; Value: unknown }[];
        }[],
    );
    const api = containers.find((container) => container.Name === 'api');
    const literal = Object.fromEntries(
      (api?.Environment ?? [])
        .filter((v) => typeof v.Value === 'string')
        .map((v) => [v.Name, v.Value as string]),
    );
    expect(Object.keys(literal).every((name) => name in CONTAINER_ENV.properties)).toBe(true);
    expect(readContainerEnv(literal, { opaque: ['DB_SSL_ROOT_CERT'] }).problems).toEqual([]);
    expect(literal.DB_SSL).toBe('verify-full');
  });
});
