import type { Problem } from '../api/types.ts';

interface ProblemMessageProps {
  problem: Problem;
  /** Shown as a "Try again" button when the failed action can simply be repeated. */
  onRetry?: () => void;
}

/** Every API error reaches the shopper as the problem's title and detail, announced to screen readers. */
export function ProblemMessage({ problem, onRetry }: ProblemMessageProps) {
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{problem.title}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path ? `${e.path}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status">
      Loading {what}…
    </p>
  );
}
