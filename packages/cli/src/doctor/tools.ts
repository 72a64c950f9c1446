import { spawnSync } from 'node:child_process';
import { MIN_JAVA, parseJavaMajor } from '@shoestring/dbtools';

/** What a local tool answered: its version, or why there is none. */
export type ToolProbe = { version: string } | { missing: string };

/** `docker version` answers only when the client is installed and the daemon runs (the build needs both). */
export function probeDocker(env: NodeJS.ProcessEnv): ToolProbe {
  const probe = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    env,
  });
  if (probe.error) return { missing: 'docker is not installed (not on PATH)' };
  if (probe.status !== 0) return { missing: 'the Docker daemon is not running' };
  return { version: `Docker ${probe.stdout.trim()}` };
}

/** Java as `shoestring migrate` and `npm start` find it: JAVA_HOME first, then PATH. */
export function probeJava(env: NodeJS.ProcessEnv): ToolProbe {
  const executable = env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
  const probe = spawnSync(executable, ['-version'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) return { missing: `${executable} was not found` };
  const major = parseJavaMajor(`${probe.stderr}${probe.stdout}`);
  if (major < MIN_JAVA) return { missing: `${executable} is Java ${major}; Liquibase needs ${MIN_JAVA}+` };
  return { version: `Java ${major}` };
}
