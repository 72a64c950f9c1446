import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BUILDSPEC_DIR,
  type BuildspecName,
  buildspecFor,
  DEPLOYED_NODE_MAJOR,
  readBuildspec,
} from '../../src/constructs/pipelines/index.ts';

const FILES = readdirSync(BUILDSPEC_DIR).filter((name) => name.endsWith('.yml'));
/** Words that mark a secret value; a buildspec may name where a secret is, never hold one. */
const SECRET_VALUE = /(password|secret|token|api[_-]?key)\s*[:=]\s*['"]?[^\s'"$]{6,}/i;
const AWS_KEY = /AKIA[0-9A-Z]{16}/;
/** Where the images and the migration build put the RDS CA bundle (apps/api/docker/rds-ca-bundle.mjs). */
const RDS_BUNDLE = '/etc/ssl/certs/rds-global-bundle.pem';

interface Spec {
  version: number | string;
  env?: { variables?: Record<string, string> };
  phases: Record<string, { commands?: string[]; 'runtime-versions'?: Record<string, unknown> }>;
  artifacts?: { files: string[] };
}

const spec = (name: string) => readBuildspec(name.replace(/\.yml$/, '') as BuildspecName) as unknown as Spec;
const commands = (s: Spec) => Object.values(s.phases).flatMap((phase) => phase.commands ?? []);

describe.each(FILES)('buildspec %s', (file) => {
  it('parses as buildspec version 0.2 with a build phase', () => {
    const parsed = spec(file);
    expect(String(parsed.version)).toBe('0.2');
    expect(Object.keys(parsed.phases)).toContain('build');
    expect(
      Object.keys(parsed.phases).every((p) => ['install', 'pre_build', 'build', 'post_build'].includes(p)),
    ).toBe(true);
  });

  it('sets no secret as a plain variable', () => {
    const variables = spec(file).env?.variables ?? {};
    expect(Object.keys(variables).filter((name) => /PASSWORD|SECRET|TOKEN/i.test(name))).toEqual([]);
  });
});

/** Every file the pipelines run: buildspecs, the migration script, the migration image. */
describe.each(readdirSync(BUILDSPEC_DIR))('%s', (file) => {
  it('holds no secret value and no AWS access key', () => {
    const text = readFileSync(`${BUILDSPEC_DIR}${file}`, 'utf8');
    expect(text).not.toMatch(AWS_KEY);
    for (const line of text.split('\n').filter((l) => !l.trimStart().startsWith('#'))) {
      expect(line).not.toMatch(SECRET_VALUE);
    }
  });
});

describe('migrate.yml', () => {
  it('runs the shared migrate-steps.sh on the deployed Node major and Java 17 and keeps its output as the artifact', () => {
    const parsed = spec('migrate.yml');
    expect(commands(parsed)).toContain('bash packages/infra/buildspecs/migrate-steps.sh migration');
    expect(parsed.phases.install?.['runtime-versions']).toEqual({
      nodejs: DEPLOYED_NODE_MAJOR,
      java: 'corretto17',
    });
    expect(parsed.artifacts?.files).toEqual(['migration/**/*']);
  });

  it('migrate-steps.sh runs validate, status, update-sql, tag, update, history in that order', () => {
    const script = readFileSync(`${BUILDSPEC_DIR}migrate-steps.sh`, 'utf8');
    const steps = [...script.matchAll(/^\s*migrate ([a-z-]+)/gm)].map((match) => match[1]);
    expect(steps).toEqual(['validate', 'status', 'update-sql', 'tag', 'update', 'history']);
    expect(script).toContain('set -euo pipefail');
  });

  it('gets the password only through the env section the stack adds', () => {
    const synthesized = parse(
      buildspecFor('migrate', {
        variables: { DB_HOST: 'db.internal' },
        parameterStore: { DB_PASSWORD: '/shop/dev/db/password' },
      }).toBuildSpec(),
    );
    expect(synthesized.env).toEqual({
      shell: 'bash',
      variables: {
        DB_SSL: 'verify-full',
        DB_SSL_ROOT_CERT: '/etc/ssl/certs/rds-global-bundle.pem',
        NPM_CONFIG_UPDATE_NOTIFIER: 'false',
        DB_HOST: 'db.internal',
      },
      'parameter-store': { DB_PASSWORD: '/shop/dev/db/password' },
    });
    expect(synthesized.phases).toEqual(spec('migrate.yml').phases);
  });
});

describe('migrate-prebuilt.yml', () => {
  it("runs the commit's migration image (its ENTRYPOINT is migrate-steps.sh), installing nothing", () => {
    const parsed = spec('migrate-prebuilt.yml');
    const all = commands(parsed).join('\n');
    expect(all).toContain('docker run --rm --volume "$PWD/migration:/tmp/migration"');
    expect(all).toMatch(/-e DB_PASSWORD .*"\$MIGRATION_IMAGE"\s*$/s);
    expect(all).not.toMatch(/npm (ci|install)/);
    expect(parsed.phases.install).toBeUndefined();
    expect(parsed.artifacts?.files).toEqual(['migration/**/*']);
  });
});

describe('migrate-task.yml and migrate.Dockerfile', () => {
  it('runs the task in the public subnets with a public IP and fails unless it exits 0', () => {
    const all = commands(spec('migrate-task.yml')).join('\n');
    expect(all).toContain('aws ecs run-task');
    expect(all).toContain('assignPublicIp=ENABLED');
    expect(all).toContain('securityGroups=[$SECURITY_GROUP]');
    expect(all).toContain('[ "$code" = "0" ] ||');
  });

  it('the image carries the checksum-pinned RDS CA bundle and verifies the database with it', () => {
    const dockerfile = readFileSync(`${BUILDSPEC_DIR}migrate.Dockerfile`, 'utf8');
    expect(dockerfile).toContain(`RUN node apps/api/docker/rds-ca-bundle.mjs ${RDS_BUNDLE}`);
    expect(dockerfile).toMatch(new RegExp(`^ENV DB_SSL=verify-full DB_SSL_ROOT_CERT=${RDS_BUNDLE} `, 'm'));
    expect(spec('migrate-prebuilt.yml').env?.variables).toMatchObject({
      DB_SSL: 'verify-full',
      DB_SSL_ROOT_CERT: RDS_BUNDLE,
    });
  });

  it('the image runs the same migrate-steps.sh as the CodeBuild runner', () => {
    const dockerfile = readFileSync(`${BUILDSPEC_DIR}migrate.Dockerfile`, 'utf8');
    expect(dockerfile).toContain('openjdk-17-jre-headless');
    expect(dockerfile).toContain(
      'ENTRYPOINT ["bash", "packages/infra/buildspecs/migrate-steps.sh", "/tmp/migration"]',
    );
  });
});

describe('site.yml', () => {
  it('builds the web app and runs deploy-web with the bucket and distribution from the environment', () => {
    const all = commands(spec('site.yml')).join('\n');
    expect(all).toContain('npm ci');
    expect(all).toContain('npm run build -w @shoestring/web');
    expect(all).toContain(
      'npx shoestring deploy-web --bucket "$SITE_BUCKET" --distribution "$SITE_DISTRIBUTION_ID" --dir apps/web/dist',
    );
  });

  it('passes the sign-in settings to deploy-web only when the stage has them, each value one argument', () => {
    const deployWeb = commands(spec('site.yml')).find((c) => c.includes('shoestring deploy-web')) ?? '';
    // The command as CodeBuild's bash runs it, with `npx` printing the arguments it gets, one per line.
    const argsOf = (env: Record<string, string>) =>
      spawnSync('bash', ['-c', `npx() { printf '%s\\n' "$@"; }\n${deployWeb}`], {
        env: { PATH: process.env.PATH, SITE_BUCKET: 'b', SITE_DISTRIBUTION_ID: 'E1', ...env },
        encoding: 'utf8',
      })
        .stdout.split('\n')
        .slice(0, -1);
    const base = [
      'shoestring',
      'deploy-web',
      '--bucket',
      'b',
      '--distribution',
      'E1',
      '--dir',
      'apps/web/dist',
    ];
    expect(argsOf({})).toEqual(base);
    expect(
      argsOf({
        SITE_URL: 'https://shop example',
        AUTH_ISSUER: 'https://issuer',
        AUTH_CLIENT_ID: 'c1',
        AUTH_HOSTED_UI_URL: 'https://ui',
      }),
    ).toEqual([
      ...base,
      ...['--site-url', 'https://shop example', '--auth-issuer', 'https://issuer'],
      ...['--auth-client-id', 'c1', '--auth-hosted-ui-url', 'https://ui'],
    ]);
  });
});

describe('image.yml', () => {
  it('post_build writes an imagedefinitions file per service naming its container and the commit image', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-test-'));
    const script = (spec('image.yml').phases.post_build?.commands ?? []).join('\n');
    const result = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        CODEBUILD_BUILD_SUCCEEDING: '1',
        SERVICE_CONTAINERS: 'api=api catalog=app',
        REPOSITORY_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop',
        IMAGE_TAG: '0123456789ab',
      },
    });
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:0123456789ab';
    const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

    expect(result.status, result.stderr).toBe(0);
    expect(read('imagedefinitions-api.json')).toEqual([{ name: 'api', imageUri: image }]);
    expect(read('imagedefinitions-catalog.json')).toEqual([{ name: 'app', imageUri: image }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes the commit-tagged image and writes one imagedefinitions file per service', () => {
    const parsed = spec('image.yml');
    const all = commands(parsed).join('\n');
    expect(all).toContain('docker push "$REPOSITORY_URI:$tag"');
    expect(all).toContain('publish "$IMAGE_TAG" "$DOCKERFILE"');
    expect(all).toContain('imagedefinitions-$service.json');
    expect(parsed.artifacts?.files).toContain('imagedefinitions-*.json');
  });
});

/** Runs a buildspec phase's commands in bash with `docker` and `aws` stand-ins that log their arguments. */
function runPhase(file: string, phase: string, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-buildspec-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  const pushed = path.join(dir, 'pushed');
  writeFileSync(pushed, `${env.EXISTING ?? ''}\n`);
  // docker push fails when PUSH_FAILS is set, after "another run" pushed the same tag (when RACE is set).
  writeFileSync(
    path.join(bin, 'docker'),
    `#!/bin/bash\necho "docker $*" >> "${log}"\nif [ "$1" = push ] && [ -n "$PUSH_FAILS" ]; then\n` +
      `  [ -n "$RACE" ] && echo "\${2##*:}" >> "${pushed}"; exit 1\nfi\n`,
    { mode: 0o755 },
  );
  // aws ecr batch-get-image ... --image-ids imageTag=T: 1 when T was pushed, else 0; other calls are logged.
  writeFileSync(
    path.join(bin, 'aws'),
    `#!/bin/bash\necho "aws $*" >> "${log}"\nfor a in "$@"; do case "$a" in imageTag=*) tag="\${a#imageTag=}";; esac; done\n` +
      `if [ -n "$tag" ]; then grep -qx "$tag" "${pushed}" && echo 1 || echo 0; fi\n`,
    { mode: 0o755 },
  );
  const script = (spec(file).phases[phase]?.commands ?? []).join('\n');
  const result = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, calls };
}

describe('image.yml build phase (immutable tags: each tag is pushed once)', () => {
  const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop';
  const build = (env: Record<string, string>) =>
    runPhase('image.yml', 'build', {
      REPOSITORY_URI: URI,
      IMAGE_TAG: '0123456789ab',
      DOCKERFILE: 'apps/api/Dockerfile',
      ...env,
    });
  const docker = (calls: string[]) => calls.filter((c) => c.startsWith('docker '));

  it('GIVEN a new commit THEN it builds and pushes the commit tag, and the migration image as <commit>-migrate', () => {
    const { status, calls } = build({ MIGRATION_IMAGE: 'true' });
    expect(status).toBe(0);
    expect(docker(calls)).toEqual([
      `docker build --file apps/api/Dockerfile --tag ${URI}:0123456789ab .`,
      `docker push ${URI}:0123456789ab`,
      `docker build --file packages/infra/buildspecs/migrate.Dockerfile --tag ${URI}:0123456789ab-migrate .`,
      `docker push ${URI}:0123456789ab-migrate`,
    ]);
    expect(calls.filter((c) => c.startsWith('aws '))[0]).toContain(
      'ecr batch-get-image --repository-name shop --image-ids imageTag=0123456789ab',
    );
  });

  it('GIVEN the commit was built before (a retry) THEN it reuses the image and pushes nothing', () => {
    const { status, calls } = build({ EXISTING: '0123456789ab' });
    expect(status).toBe(0);
    expect(docker(calls)).toEqual([]);
  });

  it('GIVEN a concurrent run pushed the same tag first THEN the refused push counts as done', () => {
    expect(build({ PUSH_FAILS: '1', RACE: '1' }).status).toBe(0);
  });

  it('GIVEN the push fails and no image has the tag THEN the build fails', () => {
    expect(build({ PUSH_FAILS: '1' }).status).not.toBe(0);
  });
});

describe('task-revision.mjs', () => {
  it("keeps the registerable fields and swaps the first container's image", async () => {
    // @ts-expect-error: plain ESM JavaScript the runner runs with node, without types.
    const { revisionInput } = await import('../../buildspecs/task-revision.mjs');
    const registerable = {
      family: 'shop-migrate',
      executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      requiresCompatibilities: ['FARGATE'],
      runtimePlatform: { cpuArchitecture: 'ARM64' },
    };
    const sidecar = { name: 'sidecar', image: 'other:1' };
    const described = {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop-migrate:3',
      revision: 3,
      status: 'ACTIVE',
      registeredAt: '2026-12-05T00:00:00Z',
      ...registerable,
      containerDefinitions: [
        { name: 'migrate', image: 'repo:no-image-yet', secrets: [{ name: 'DB_PASSWORD' }] },
        sidecar,
      ],
    };
    expect(revisionInput(described, 'repo:0123456789ab-migrate')).toEqual({
      ...registerable,
      containerDefinitions: [
        { name: 'migrate', image: 'repo:0123456789ab-migrate', secrets: [{ name: 'DB_PASSWORD' }] },
        sidecar,
      ],
    });
  });
});
