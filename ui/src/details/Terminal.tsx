// A terminal on a control's pipe (shell, attach, logs): bytes from the pipe's websocket go to
// xterm.js, keystrokes go back, and the TTY follows the window's size through the resize control.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { scope } from '../api/scope';

export interface PipeInfo {
  pipeId: string;
  rawTty: boolean;
  resizeControl?: string;
  probeId: string;
  nodeId: string;
  title: string;
}

export function Terminal({ org, pipe, onClose }: { org: string; pipe: PipeInfo; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'connecting' | 'open' | 'closed'>('connecting');

  useEffect(() => {
    const term = new XTerm({
      cursorBlink: pipe.rawTty,
      disableStdin: !pipe.rawTty,
      convertEol: !pipe.rawTty,
      fontSize: 13,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      theme: { background: '#10151d' },
      scrollback: 5000,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(box.current!);
    const ws = new WebSocket(scope.pipeWsUrl(org, pipe.pipeId));
    ws.binaryType = 'arraybuffer';
    const encoder = new TextEncoder();
    let lastSize = '';
    const resize = () => {
      try {
        fit.fit();
      } catch {
        return;
      }
      const size = `${term.cols}x${term.rows}`;
      if (!pipe.resizeControl || size === lastSize || ws.readyState !== WebSocket.OPEN) return;
      lastSize = size;
      scope
        .control(org, pipe.probeId, pipe.nodeId, pipe.resizeControl, {
          pipeID: pipe.pipeId,
          width: String(term.cols),
          height: String(term.rows),
        })
        .catch(() => undefined);
    };
    ws.onopen = () => {
      setState('open');
      resize();
      term.focus();
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') term.write(e.data);
      else term.write(new Uint8Array(e.data as ArrayBuffer));
    };
    ws.onclose = () => {
      setState('closed');
      term.write('\r\n\x1b[2m[connection closed]\x1b[0m\r\n');
    };
    const input = term.onData((d) => ws.readyState === WebSocket.OPEN && ws.send(encoder.encode(d)));
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
    observer?.observe(box.current!);
    return () => {
      observer?.disconnect();
      input.dispose();
      ws.onclose = null;
      ws.close();
      term.dispose();
      scope.closePipe(org, pipe.pipeId).catch(() => undefined);
    };
  }, [org, pipe]);

  return (
    <div className="terminal-panel" role="dialog" aria-label={`Terminal: ${pipe.title}`}>
      <div className="terminal-head">
        <span className={`dot ${state}`} aria-hidden="true" />
        <span className="title">{pipe.title}</span>
        <span className="muted">{state === 'connecting' ? 'connecting…' : state === 'closed' ? 'closed' : pipe.rawTty ? 'interactive' : 'read-only'}</span>
        <div className="spacer" />
        <button type="button" className="link" onClick={onClose} aria-label="Close terminal">
          ✕
        </button>
      </div>
      <div className="terminal-body" ref={box} data-testid="terminal" />
    </div>
  );
}
