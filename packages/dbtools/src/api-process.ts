import { join } from 'node:path';
import { repoRoot } from './repo-root.ts';
import { type ServerProcess, type ServerProcessOptions, startServerProcess } from './server-process.ts';

export interface ApiProcessOptions extends Omit<ServerProcessOptions, 'name' | 'command' | 'args' | 'cwd'> {
  /** `dist` runs the production build (`npm run build -w @shoestring/api` first); `source` runs TypeScript via tsx. @default 'source' */
  readonly build?: 'dist' | 'source';
  /** Becomes DATABASE_URL. */
  readonly databaseUrl: string;
  /** Names the process in errors. @default `api (<build>)` */
  readonly name?: string;
  /** With `build: 'dist'`, another build's `dist/server.js` (e.g. of the previous commit). @default API_DIST_ENTRY */
  readonly distEntry?: string;
  /** Node options before the entry, e.g. `--cpu-prof`. @default none */
  readonly nodeArgs?: readonly string[];
}

/** The production build's entry point, for callers that check it exists before `build: 'dist'`. */
export const API_DIST_ENTRY = join(repoRoot(), 'apps/api/dist/server.js');
const API_SOURCE_ENTRY = join('apps', 'api', 'src', 'server.ts');

/**
 * The shop API (`apps/api`) as its own process, configured only through the environment as the container is:
 * on 127.0.0.1, no drain window (nothing local caches the service registry), `options.env` on top.
 */
export function startApiProcess(options: ApiProcessOptions): Promise<ServerProcess> {
  const {
    build = 'source',
    databaseUrl,
    name,
    env,
    distEntry = API_DIST_ENTRY,
    nodeArgs = [],
    ...launch
  } = options;
  return startServerProcess({
    ...launch,
    name: name ?? `api (${build})`,
    // The build runs @shoestring/contract compiled, as the image does (NODE_OPTIONS=--conditions=compiled).
    args:
      build === 'dist'
        ? ['--conditions=compiled', ...nodeArgs, distEntry]
        : ['--import', 'tsx', ...nodeArgs, API_SOURCE_ENTRY],
    env: { HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DRAIN_SECONDS: '0', ...env },
  });
}
