import type { Operation } from './routes.ts';

/** The group (Cognito user-pool group, `cognito:groups` claim) whose members are shop administrators. */
export const ADMIN_GROUP = 'admin';

/**
 * Whether the edge (the HTTP API's JWT authorizer, the local gateway) demands a valid bearer token before it
 * forwards a call. Only anonymous operations pass without one; who may do what beyond that (admin, ownership)
 * is decided by the API itself.
 */
export function requiresToken(operation: Pick<Operation, 'access'>): boolean {
  return operation.access !== 'anonymous';
}
