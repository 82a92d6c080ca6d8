// Code loaded on demand: the map (dagre, the canvas, node details) and the terminal (xterm.js)
// are separate chunks, so signing in and the portal pages load only a small bundle.
import { Component, Suspense, type ReactNode } from 'react';
import { Spinner } from './ui';

interface Props {
  /** What is being loaded, for the messages: "the map", "the terminal". */
  what: string;
  children: ReactNode;
}

/**
 * Shows a spinner while a lazy chunk loads, and a way out when it cannot: after a deploy the old
 * hashed chunks are gone, and only a reload fetches the new ones.
 */
export class LazyBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (this.state.failed) {
      return (
        <div className="error-note" role="alert" data-testid="lazy-failed">
          Could not load {this.props.what}: the connection dropped, or Scope Cloud was updated since this page opened.{' '}
          <button type="button" className="link" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      );
    }
    return <Suspense fallback={<Spinner label={`Loading ${this.props.what}…`} />}>{this.props.children}</Suspense>;
  }
}
