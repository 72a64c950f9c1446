/**
 * The SDK's "no credentials" failure (the default chain found no profile, environment keys, SSO session or role):
 * callers print one line for it instead of a stack.
 */
export function isMissingCredentials(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'CredentialsProviderError' || name === 'ExpiredTokenException' || name === 'ExpiredToken';
}

/** The one line printed when no credentials are found. */
export const NO_CREDENTIALS_MESSAGE =
  'no AWS credentials found (or they expired): set AWS_PROFILE, run `aws configure` or `aws sso login`, then run again.';
