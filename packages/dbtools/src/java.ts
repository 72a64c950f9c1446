import { spawnSync } from 'node:child_process';
import { DbToolsError } from './db-tools-error.ts';
import { runProcess } from './run-process.ts';

export interface JavaInfo {
  /** The java executable that was found. */
  executable: string;
  /** Major version, e.g. 17. */
  major: number;
}

/** The oldest Java Liquibase 4.28 runs on. */
export const MIN_JAVA = 17;
const INSTALL_HINT =
  'Install Java 17 or newer: `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), ' +
  '`brew install openjdk@17` (macOS), or set JAVA_HOME to an existing JDK.';

let cached: JavaInfo | undefined;

/** Finds Java (JAVA_HOME first, then PATH) and checks it is new enough for Liquibase 4.28. */
export function requireJava(env: NodeJS.ProcessEnv = process.env): JavaInfo {
  if (cached) return cached;
  const executable = javaExecutable(env);
  const probe = spawnSync(executable, ['-version'], { encoding: 'utf8', env });
  cached = javaInfo(
    executable,
    probe.error || probe.status !== 0 ? undefined : `${probe.stderr}${probe.stdout}`,
  );
  return cached;
}

/**
 * `requireJava` without blocking: `java -version` starts a JVM (0.1 to 0.5 s), which `shoestring dev` lets run
 * while PostgreSQL starts.
 */
export async function requireJavaAsync(env: NodeJS.ProcessEnv = process.env): Promise<JavaInfo> {
  if (cached) return cached;
  const executable = javaExecutable(env);
  // A Java that cannot be started (ENOENT) rejects; one that fails exits non-zero: both are "not found".
  const output = await runProcess(executable, ['-version'], { env }).then(
    (result) => (result.code === 0 ? result.output : undefined),
    () => undefined,
  );
  cached = javaInfo(executable, output);
  return cached;
}

function javaExecutable(env: NodeJS.ProcessEnv): string {
  return env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
}

/** The found Java from its `-version` output (undefined: it could not be run), or the error saying what to install. */
function javaInfo(executable: string, versionOutput: string | undefined): JavaInfo {
  if (versionOutput === undefined) {
    throw new DbToolsError(
      `Java was not found (${executable}); Liquibase needs Java ${MIN_JAVA}+. ${INSTALL_HINT}`,
      'JAVA_MISSING',
    );
  }
  const major = parseJavaMajor(versionOutput);
  if (major < MIN_JAVA) {
    throw new DbToolsError(
      `Java ${major} was found (${executable}) but Liquibase needs Java ${MIN_JAVA}+. ${INSTALL_HINT}`,
      'JAVA_TOO_OLD',
    );
  }
  return { executable, major };
}

/** `java -version` prints `openjdk version "17.0.15"` or, before Java 9, `java version "1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return 0;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2] ?? 0) : first;
}
