/** The map's zoom buttons, the same on the SVG map and the big canvas map. */
export function ZoomControls({ zoomBy, fit }: { zoomBy: (factor: number) => void; fit: () => void }) {
  return (
    <div className="zoom-controls">
      <button type="button" title="Zoom in" aria-label="Zoom in" onClick={() => zoomBy(1.3)}>
        +
      </button>
      <button type="button" title="Zoom out" aria-label="Zoom out" onClick={() => zoomBy(1 / 1.3)}>
        −
      </button>
      <button type="button" title="Fit to screen" aria-label="Fit to screen" onClick={fit}>
        ⤢
      </button>
    </div>
  );
}
