// Node shapes per topology, as Weave Scope draws them: hosts are circles, processes rounded
// squares, containers hexagons, pods heptagons, and so on (scope-contract §1.1).
import { memo } from 'react';

function polygon(sides: number, r: number, rotate = -Math.PI / 2): string {
  const pts: string[] = [];
  for (let i = 0; i < sides; i++) {
    const a = rotate + (i * 2 * Math.PI) / sides;
    pts.push(`${(r * Math.cos(a)).toFixed(2)},${(r * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join('L')}Z`;
}

function roundedSquare(r: number): string {
  const s = r * 0.85;
  const c = r * 0.3;
  return `M${-s + c},${-s}H${s - c}Q${s},${-s} ${s},${-s + c}V${s - c}Q${s},${s} ${s - c},${s}H${-s + c}Q${-s},${s} ${-s},${s - c}V${-s + c}Q${-s},${-s} ${-s + c},${-s}Z`;
}

function cloud(r: number): string {
  return `M${-r * 0.7},${r * 0.45}A${r * 0.4},${r * 0.4} 0 0 1 ${-r * 0.55},${-r * 0.2}A${r * 0.5},${r * 0.5} 0 0 1 ${r * 0.25},${-r * 0.45}A${r * 0.45},${r * 0.45} 0 0 1 ${r * 0.8},${r * 0.1}A${r * 0.35},${r * 0.35} 0 0 1 ${r * 0.7},${r * 0.45}Z`;
}

function cylinder(r: number): string {
  const w = r * 0.8;
  const h = r * 0.9;
  const e = r * 0.25;
  return `M${-w},${-h + e}A${w},${e} 0 0 1 ${w},${-h + e}V${h - e}A${w},${e} 0 0 1 ${-w},${h - e}Z M${-w},${-h + e}A${w},${e} 0 0 0 ${w},${-h + e}`;
}

function sheet(r: number): string {
  const w = r * 0.7;
  const h = r * 0.9;
  const f = r * 0.3;
  return `M${-w},${-h}H${w - f}L${w},${-h + f}V${h}H${-w}Z`;
}

export function shapePath(shape: string | undefined, r: number): string {
  switch (shape) {
    case 'circle':
    case undefined:
    case '':
      return `M${-r},0A${r},${r} 0 1 0 ${r},0A${r},${r} 0 1 0 ${-r},0Z`;
    case 'square':
      return roundedSquare(r);
    case 'hexagon':
      return polygon(6, r, 0);
    case 'heptagon':
      return polygon(7, r);
    case 'pentagon':
      return polygon(5, r);
    case 'octagon':
      return polygon(8, r, Math.PI / 8);
    case 'triangle':
    case 'dottedtriangle':
      return polygon(3, r * 1.1);
    case 'cloud':
      return cloud(r * 1.2);
    case 'cylinder':
    case 'dottedcylinder':
      return cylinder(r);
    case 'sheet':
      return sheet(r);
    default:
      return `M${-r},0A${r},${r} 0 1 0 ${r},0A${r},${r} 0 1 0 ${-r},0Z`;
  }
}

/** A stable colour per label, like Scope's: nodes of one kind keep their colour between renders. */
export function nodeColor(key: string, pseudo?: boolean): string {
  if (pseudo) return '#b7bfcc';
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  const hue = ((h % 360) + 360) % 360;
  return `hsl(${hue}, 55%, 62%)`;
}

export const Shape = memo(function Shape({
  shape,
  r,
  color,
  stack,
  pseudo,
}: {
  shape?: string;
  r: number;
  color: string;
  stack?: boolean;
  pseudo?: boolean;
}) {
  const d = shapePath(shape, r);
  const dotted = pseudo || shape?.startsWith('dotted');
  const common = {
    d,
    fill: pseudo ? '#f3f5f8' : color,
    stroke: pseudo ? '#8e97a6' : 'rgba(20,30,50,0.55)',
    strokeWidth: 1.5,
    strokeDasharray: dotted ? '4 3' : undefined,
    vectorEffect: 'non-scaling-stroke' as const,
  };
  return (
    <g className="shape" data-shape={shape || 'circle'}>
      {stack && <path {...common} transform="translate(6,6)" opacity={0.45} />}
      {stack && <path {...common} transform="translate(3,3)" opacity={0.7} />}
      <path {...common} />
    </g>
  );
});
