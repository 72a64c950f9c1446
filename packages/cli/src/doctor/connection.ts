import { GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { unlessMissing } from './missing.ts';
import type { CheckResult, DoctorContext } from './types.ts';

const CONSOLE = 'console: Developer Tools > Settings > Connections';

/** The pipelines' CodeStar connection exists and finished its handshake (a new one is PENDING until someone does). */
export async function checkConnection({ config, clients }: DoctorContext): Promise<CheckResult> {
  const name = 'connection';
  const arn = config.pipeline.connectionArn;
  if (!arn) {
    return {
      name,
      status: 'note',
      detail: 'no pipeline.connectionArn: only the runtime stack is deployed, no pipelines',
      fix: `create a connection (${CONSOLE}) and put its ARN in pipeline.connectionArn`,
    };
  }
  const region = arn.split(':')[3] ?? config.region;
  const answer = await unlessMissing(
    clients.connections(region).send(new GetConnectionCommand({ ConnectionArn: arn })),
    ['ResourceNotFoundException'],
  );
  const connection = answer?.Connection;
  if (!connection) {
    return {
      name,
      status: 'fail',
      detail: `${arn} does not exist in this account`,
      fix: `create one (${CONSOLE}) and put its ARN in pipeline.connectionArn`,
    };
  }
  const label = `${connection.ConnectionName ?? arn} (${connection.ProviderType ?? 'git host'})`;
  if (connection.ConnectionStatus === 'AVAILABLE') {
    return { name, status: 'pass', detail: `${label} is AVAILABLE` };
  }
  return {
    name,
    status: 'fail',
    detail: `${label} is ${connection.ConnectionStatus ?? 'in an unknown state'}`,
    fix:
      connection.ConnectionStatus === 'PENDING'
        ? `finish the handshake: ${CONSOLE} > ${connection.ConnectionName ?? 'the connection'} > Update pending connection`
        : `delete it and create a new one (${CONSOLE}), then update pipeline.connectionArn`,
  };
}
