export { API_DIST_ENTRY, type ApiProcessOptions, startApiProcess } from './api-process.ts';
export { databaseFingerprint } from './database-fingerprint.ts';
export { DbToolsError } from './db-tools-error.ts';
export { type JavaInfo, MIN_JAVA, parseJavaMajor, requireJava, requireJavaAsync } from './java.ts';
export {
  type LiquibaseCommand,
  type LiquibaseConnection,
  type LiquibaseOptions,
  type LiquibaseResult,
  MASTER_CHANGELOG,
  runLiquibase,
} from './liquibase.ts';
export {
  changelogFingerprint,
  type UpdateIfChangedResult,
  updateIfChanged,
} from './migrations-fingerprint.ts';
export { findFreePort, isPortFree } from './ports.ts';
export { type LocalPostgres, type LocalPostgresOptions, startLocalPostgres } from './postgres.ts';
export { repoRoot } from './repo-root.ts';
export {
  type ProcessResult,
  type RunOptions,
  runProcess,
  type StopOptions,
  stopProcess,
} from './run-process.ts';
export {
  type ProcessExit,
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from './server-process.ts';
export { type IssuedCertificate, serveTls, TestCa, verifyFullEnv } from './test-tls.ts';
