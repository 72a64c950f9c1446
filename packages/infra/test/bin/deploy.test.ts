import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INFRA_DIR } from '../../src/paths.ts';

/** Runs `npm run deploy -- <args>` the way the root script does, stopping before any `cdk deploy`. */
function deploy(...args: string[]) {
  return spawnSync('node', ['--import', 'tsx', 'bin/deploy.ts', ...args], {
    cwd: INFRA_DIR,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run deploy', () => {
  it('GIVEN --help WHEN run THEN it prints the usage and exits 0', () => {
    const result = deploy('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/--stage .*no deployed image yet is\s+deployed with zero tasks, released/s);
    expect(result.stderr).not.toContain('--first-deploy');
  });

  it('GIVEN an unknown option WHEN run THEN it names it, prints the usage and exits 1 without a stack', () => {
    const result = deploy('--stage', 'dev', '--first-deploy');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Unknown option '--first-deploy'.*\nusage: npm run deploy/s);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN no --stage WHEN run THEN it says so, prints the usage and exits 1', () => {
    const result = deploy();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^missing --stage\nusage:/);
  });

  it('GIVEN a stage the config lacks WHEN run THEN it names the stages and exits 1 before calling cdk', () => {
    const result = deploy('--stage', 'qa');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no stage "qa"; use one of dev, prod/);
    expect(result.stderr).not.toMatch(/npx cdk deploy/);
  });
});
