import { type ServerProcess, startServerProcess } from '@shoestring/dbtools';
import { withJwksUrl } from './token-cost.ts';

interface ReferenceLaunch {
  readonly databaseUrl: string;
  /** Node options before the entry, e.g. `--cpu-prof` (`bench:profile`). */
  readonly nodeArgs?: readonly string[];
  /** Pin to this CPU with taskset. */
  readonly cpu?: number;
}

/** The plain node:http + pg baseline (`bench/baseline/server.ts`), verifying tokens against the API's issuer. */
export function startBaseline(
  options: ReferenceLaunch & { readonly authEnv: Record<string, string>; readonly prepared: boolean },
): Promise<ServerProcess> {
  const { databaseUrl, authEnv, prepared, nodeArgs = [], cpu } = options;
  return startServerProcess({
    name: prepared ? 'baseline (prepared)' : 'baseline',
    args: ['--import', 'tsx', ...nodeArgs, 'bench/baseline/server.ts'],
    env: {
      ...withJwksUrl(authEnv),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PREPARED: prepared ? '1' : '0',
    },
    ...(cpu === undefined ? {} : { cpu }),
  });
}

/** Bare Fastify with the API's schemas (`bench/baseline/fastify-floor.ts`), the catalog reads only. */
export function startFastifyFloor(options: ReferenceLaunch): Promise<ServerProcess> {
  const { databaseUrl, nodeArgs = [], cpu } = options;
  return startServerProcess({
    name: 'bare Fastify',
    args: ['--import', 'tsx', ...nodeArgs, 'bench/baseline/fastify-floor.ts'],
    env: { HOST: '127.0.0.1', DATABASE_URL: databaseUrl },
    ...(cpu === undefined ? {} : { cpu }),
  });
}
