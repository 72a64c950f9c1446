import { spawnSync } from 'node:child_process';
import { DbToolsError } from './db-tools-error.ts';

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
  const executable = env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
  const probe = spawnSync(executable, ['-version'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) {
    throw new DbToolsError(
      `Java was not found (${executable}); Liquibase needs Java ${MIN_JAVA}+. ${INSTALL_HINT}`,
      'JAVA_MISSING',
    );
  }
  const major = parseJavaMajor(`${probe.stderr}${probe.stdout}`);
  if (major < MIN_JAVA) {
    throw new DbToolsError(
      `Java ${major} was found (${executable}) but Liquibase needs Java ${MIN_JAVA}+. ${INSTALL_HINT}`,
      'JAVA_TOO_OLD',
    );
  }
  cached = { executable, major };
  return cached;
}

/** `java -version` prints `openjdk version "17.0.15"` or, before Java 9, `java version "1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return 0;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2] ?? 0) : first;
}
