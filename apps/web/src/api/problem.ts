import type { Problem } from './types.ts';

/** Thrown by the API client for every failed call; the UI shows `problem.title` and `problem.detail`. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiProblem';
  }
}

/** Network failures never reach the server, so the client writes their problem itself. */
export function networkProblem(cause: unknown): Problem {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    title: 'Cannot reach the shop',
    status: 0,
    code: 'NETWORK',
    detail: `The request did not get an answer (${reason}). Check your connection and try again.`,
  };
}

function isProblemBody(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string';
}

/**
 * Turns any failed response into a Problem. The API answers problem+json, but a proxy or gateway in between
 * may answer HTML or nothing at all, and the user still deserves a message that says what happened.
 */
export async function problemFromResponse(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isProblemBody(body)) {
    return { ...body, status: typeof body.status === 'number' ? body.status : response.status };
  }
  const statusLine = `${response.status} ${response.statusText}`.trim();
  return {
    title: `The shop answered ${statusLine}`,
    status: response.status,
    detail:
      response.status >= 500
        ? 'Something went wrong on our side. Try again in a moment.'
        : 'The request was not accepted, and the answer did not say why.',
  };
}
