import { mkdtempSync, rmSync } from 'node:fs';
import { type LocalPostgres, runLiquibase, startLocalPostgres } from '@shoestring/dbtools';

export interface MigratedPostgres {
  /** The running server; `restart()` replaces it after a `stop()`. */
  readonly current: LocalPostgres;
  readonly dataDir: string;
  readonly url: string;
  /** Stops PostgreSQL (fast shutdown) without removing its data: the outage. */
  stop(): Promise<void>;
  /** Starts PostgreSQL again on the same data folder and the same port, so clients reconnect unchanged. */
  restart(): Promise<void>;
  /** Stops PostgreSQL and deletes its data folder. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL of its own (not the test run's shared one) migrated by the real master changelog, for runs that stop
 * the database or must see every row change: benchmarks, the outage test, the malformed-input test.
 */
export async function startMigratedPostgres(options: { fast?: boolean } = {}): Promise<MigratedPostgres> {
  const dataDir = mkdtempSync('/tmp/shoestring-faults-');
  const fast = options.fast ?? true;
  let current = await startLocalPostgres({ dataDir, fast });
  try {
    await runLiquibase({
      command: 'update',
      connection: { url: current.url, user: current.user, password: current.password },
    });
  } catch (error) {
    await current.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = current.port;
  return {
    get current() {
      return current;
    },
    dataDir,
    url: current.url,
    stop: () => current.stop(),
    async restart() {
      current = await startLocalPostgres({ dataDir, port, fast });
    },
    async destroy() {
      await current.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
