// A rendering error inside one step panel or one chart shows a sentence and a "Try again" button there,
// instead of React unmounting the whole app (its default): the other steps, the running training and the
// stored dataset are untouched.

import { Component, type ErrorInfo, type ReactNode } from 'react';
import { params } from '../startup';
import { faultAt } from '../../shared/faults';

interface Props {
  /** What failed, in the user's words ("the Data step", "the loss chart"). */
  what: string;
  /** Smaller fallback, for a chart inside a panel. */
  compact?: boolean;
  /** Called on "Try again", before the children render again. */
  onRetry?: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the user sees the fallback below.
    console.error(`Rendering ${this.props.what} failed:`, error, info.componentStack);
  }

  private retry = (): void => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className={this.props.compact ? 'render-error compact' : 'render-error panel'} data-testid="app.render-error" data-what={this.props.what}>
        <p className="error">
          Something went wrong while showing {this.props.what}: {error.message || 'unknown error'}. The rest of the app still works,
          and your data is not affected.
        </p>
        <button type="button" onClick={this.retry}>Try again</button>
      </div>
    );
  }
}

const cleared = new Set<string>();

/**
 * Test-only: with `?fault=render-<name>`, throws on every render until `clearRenderFault(name)` (the
 * boundary's "Try again"), so the e2e tests can see a boundary catch an error and recover. React retries a
 * failed render once by itself, so a fault that threw only once would never reach the boundary.
 */
export function FaultProbe({ name }: { name: string }): null {
  if (faultAt(params.faults, `render-${name}`) !== null && !cleared.has(name)) throw new Error(`injected by ?fault=render-${name}`);
  return null;
}

export function clearRenderFault(name: string): void {
  cleared.add(name);
}
