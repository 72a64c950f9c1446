import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ProblemMessage } from './problem-message.tsx';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Changing it (e.g. the route) clears the error, so navigating away recovers. */
  resetKey: unknown;
}

interface ErrorBoundaryState {
  error: Error | null;
  resetKey: unknown;
}

/**
 * A bug while rendering a screen would otherwise unmount the whole app and leave a blank page; this keeps the
 * header and navigation and says what happened.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<ErrorBoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <ProblemMessage
        problem={{
          title: 'This page could not be shown',
          status: 0,
          detail: `${this.state.error.message}. Reload the page or go back to the products.`,
        }}
        onRetry={() => window.location.reload()}
      />
    );
  }
}
