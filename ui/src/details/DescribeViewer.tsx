// "Describe" on a Kubernetes object: the probe writes the object's YAML into a pipe and closes
// it; this reads the pipe's websocket to the end and shows the text in a panel to read and copy.
import { useEffect, useRef, useState } from 'react';
import { scope } from '../api/scope';

export interface DescribeTarget {
  pipeId: string;
  /** The object described, e.g. "pod frontend-tlzndpdtx5-z9mmb". */
  object: string;
}

type State = 'loading' | 'done' | 'failed';

export function DescribeViewer({ org, target, onClose }: { org: string; target: DescribeTarget; onClose: () => void }) {
  const [text, setText] = useState('');
  const [state, setState] = useState<State>('loading');
  const [copied, setCopied] = useState(false);
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const ws = new WebSocket(scope.pipeWsUrl(org, target.pipeId));
    ws.binaryType = 'arraybuffer';
    const decoder = new TextDecoder();
    let received = '';
    let failed = false;
    ws.onmessage = (e: MessageEvent) => {
      received += typeof e.data === 'string' ? e.data : decoder.decode(new Uint8Array(e.data as ArrayBuffer), { stream: true });
      setText(received);
    };
    ws.onerror = () => {
      failed = true;
    };
    ws.onclose = () => {
      received += decoder.decode();
      setText(received);
      setState(failed && received === '' ? 'failed' : 'done');
    };
    return () => {
      ws.onmessage = null;
      ws.onclose = null;
      ws.close();
      scope.closePipe(org, target.pipeId).catch(() => undefined);
    };
  }, [org, target.pipeId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard (plain http on another host): select the text so Ctrl+C copies it.
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal describe" role="dialog" aria-modal="true" aria-label={`Describe ${target.object}`}>
        <div className="describe-head">
          <h2>{target.object}</h2>
          <div className="spacer" />
          <button type="button" className="secondary" onClick={() => void copy()} disabled={text === ''} aria-label="Copy the YAML">
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="link close" onClick={onClose} aria-label="Close the description">
            ✕
          </button>
        </div>
        {state === 'failed' && (
          <div className="error-note" role="alert">
            The description could not be read: the connection to the probe failed. Close this and try Describe again.
          </div>
        )}
        {state === 'done' && text === '' && (
          <p className="muted" data-testid="describe-empty">
            The probe sent nothing for {target.object}. It may have been deleted; close this and reload the details.
          </p>
        )}
        {state === 'loading' && text === '' && <p className="muted">Asking the cluster…</p>}
        {text !== '' && (
          <pre className="describe-yaml" ref={pre} data-testid="describe-yaml" tabIndex={0}>
            {text}
          </pre>
        )}
      </div>
    </div>
  );
}
