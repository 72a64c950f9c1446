/**
 * The answer of a request, or undefined when AWS says the thing asked about does not exist (the error `names` of
 * that service): a missing stack or parameter is a finding of the check, other errors are its failure.
 */
export async function unlessMissing<T>(
  request: Promise<T>,
  names: readonly string[],
  message?: RegExp,
): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    const { name, message: text } = error as Error;
    if (names.includes(name) && (!message || message.test(text))) return undefined;
    throw error;
  }
}
