// Custom resource: writes a random password to an SSM SecureString parameter, which CloudFormation cannot
// create itself. The password never appears in the template or in the response (only the parameter name does).
// It answers CloudFormation itself (no provider framework), so it needs no extra function or managed policy.
import { randomBytes } from 'node:crypto';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const ssm = new SSMClient({});

/** base64url never contains the characters RDS forbids in master passwords: / @ " and space. */
export function generatePassword(bytes = 24) {
  return randomBytes(bytes).toString('base64url');
}

export async function handler(event) {
  let response;
  try {
    response = { Status: 'SUCCESS', ...(await apply(event)) };
  } catch (error) {
    console.error(error);
    response = {
      Status: 'FAILED',
      Reason: String(error?.message ?? error),
      PhysicalResourceId: event.PhysicalResourceId ?? 'failed',
    };
  }
  await reply(event, response);
}

async function apply(event) {
  const { ParameterName: name, Description: description, RetainOnDelete: retain } = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    if (retain !== 'true' && event.PhysicalResourceId?.startsWith('/'))
      await deleteIfPresent(event.PhysicalResourceId);
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  // Updates that keep the name keep the password; a new name is a replacement and gets a new password.
  if (event.RequestType === 'Create' || event.PhysicalResourceId !== name)
    await createIfAbsent(name, description);
  return { PhysicalResourceId: name, Data: { ParameterName: name } };
}

async function reply(event, response) {
  const body = JSON.stringify({
    ...response,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const result = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!result.ok) throw new Error(`CloudFormation response failed: ${result.status}`);
}

async function createIfAbsent(name, description) {
  const put = new PutParameterCommand({
    Name: name,
    Description: description,
    Type: 'SecureString',
    Value: generatePassword(),
    Overwrite: false,
  });
  try {
    await ssm.send(put);
  } catch (error) {
    if (error.name !== 'ParameterAlreadyExists') throw error;
  }
}

async function deleteIfPresent(name) {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
  } catch (error) {
    if (error.name !== 'ParameterNotFound') throw error;
  }
}
