// No DOM test environment is installed: the boundary's pieces are checked directly here (error → state →
// fallback markup → retry), and its catching inside a live React tree by e2e/reliability.spec.ts.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../startup', () => ({ params: { faults: [{ name: 'render-x', at: 1 }] } }));
const { clearRenderFault, ErrorBoundary, FaultProbe } = await import('./ErrorBoundary');

describe('ErrorBoundary', () => {
  it('renders its children while nothing failed', () => {
    expect(renderToStaticMarkup(<ErrorBoundary what="the Data step"><b>ok</b></ErrorBoundary>)).toBe('<b>ok</b>');
  });

  it('turns a thrown value into a readable fallback with a retry that clears it', () => {
    const b = new ErrorBoundary({ what: 'the loss chart', children: <b>ok</b> });
    b.state = ErrorBoundary.getDerivedStateFromError(new Error('bad data'));
    const html = renderToStaticMarkup(<>{b.render()}</>);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Something went wrong while showing the loss chart: bad data.');
    expect(html).toContain('Try again');
    expect(ErrorBoundary.getDerivedStateFromError('a string').error?.message).toBe('a string');

    const setState = vi.fn();
    const onRetry = vi.fn();
    b.setState = setState;
    (b as unknown as { props: object }).props = { ...b.props, onRetry };
    (b as unknown as { retry: () => void }).retry();
    expect(setState).toHaveBeenCalledWith({ error: null });
    expect(onRetry).toHaveBeenCalled();
  });

  it('FaultProbe throws until its fault is cleared', () => {
    expect(() => FaultProbe({ name: 'x' })).toThrow(/injected by \?fault=render-x/);
    expect(() => FaultProbe({ name: 'x' })).toThrow(/injected/);
    clearRenderFault('x');
    expect(FaultProbe({ name: 'x' })).toBeNull();
    expect(FaultProbe({ name: 'y' })).toBeNull();
  });
});
