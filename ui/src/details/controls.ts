// What the details panel needs to know about a control before it runs it: who may, whether to ask
// first (and how to name what it changes), and what a Kubernetes deployment's replicas are.
import type { ControlDescriptor, NodeDetails, Role } from '../api/types';

const ICONS: [RegExp, string][] = [
  [/terminal/, '>_'],
  [/stop/, '■'],
  [/play|start/, '▶'],
  [/pause/, '❚❚'],
  [/refresh|redo|repeat|undo/, '↻'],
  [/trash|remove|times/, '✕'],
  [/desktop|tv/, '⎚'],
  [/clock/, '◷'],
  [/file|align|list|book/, '≣'],
  [/arrow-up|plus/, '▲'],
  [/arrow-down|minus/, '▼'],
  [/camera/, '◉'],
  [/clone|copy/, '⧉'],
  [/toggle/, '⏻'],
  [/search|eye/, '⌕'],
];

export function controlIcon(icon: string): string {
  for (const [re, glyph] of ICONS) if (re.test(icon)) return glyph;
  return '•';
}

export const DESCRIBE = 'kubernetes_describe';
export const SCALE_UP = 'kubernetes_scale_up';
export const SCALE_DOWN = 'kubernetes_scale_down';

const VIEWER_READS = new Set(['kubernetes_get_logs', DESCRIBE]);
const ADMIN_ONLY = new Set([
  'host_exec',
  'docker_exec_container',
  'docker_attach_container',
  'kubernetes_cordon_node',
  'kubernetes_uncordon_node',
  'kubernetes_create_volume_snapshot',
  'kubernetes_clone_volume_snapshot',
  'kubernetes_delete_volume_snapshot',
]);

/**
 * The role a control needs, as service-control's ControlPolicy decides it: viewers read logs and
 * descriptions; shells, terminal attach, cordoning and the volume snapshot controls need an
 * admin; every other control a member.
 */
export function requiredRole(controlId: string): Role {
  if (VIEWER_READS.has(controlId)) return 'viewer';
  return ADMIN_ONLY.has(controlId) ? 'admin' : 'member';
}

/** What a node id says the node is: `…;<persistent_volume_claim>` → "persistent volume claim". */
export function objectKind(nodeId: string): string {
  const m = /;<([a-z_]+)>$/.exec(nodeId);
  return m ? m[1].replace(/_/g, ' ') : 'node';
}

export interface Confirmation {
  title: string;
  /** The object, named: kind, name and (Kubernetes) namespace. */
  object: string;
  /** The probe's own question, or what the control does when the probe asks none. */
  question: string;
}

/**
 * Whether to ask before running a control, and what to say. Controls that delete or remove always
 * ask (Scope's snapshot "Delete" comes without a confirmation), naming the object they act on.
 */
export function confirmationFor(c: ControlDescriptor, node: Pick<NodeDetails, 'id' | 'label' | 'metadata'> | null): Confirmation | null {
  const destructive = /delete|remove/.test(c.id);
  if (!c.confirmation && !destructive) return null;
  const kind = objectKind(c.nodeId);
  const name = node?.label || c.nodeId;
  const namespace = node?.metadata?.find((m) => m.id === 'kubernetes_namespace')?.value;
  return {
    title: `${c.human} ${kind} ${name}?`,
    object: `${kind} ${name}${namespace ? ` in the namespace ${namespace}` : ''}`,
    question: c.confirmation ?? `${c.human} cannot be undone.`,
  };
}

export interface Replicas {
  desired: number;
  /** The pods the deployment has now (Scope's "# Pods" counter), when reported. */
  pods?: number;
}

/** A deployment's desired replicas and pods, from its details' metadata. */
export function replicasOf(node: Pick<NodeDetails, 'metadata'> | null): Replicas | null {
  const value = (id: string) => {
    const v = node?.metadata?.find((m) => m.id === id)?.value;
    const n = v === undefined ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const desired = value('kubernetes_desired_replicas');
  if (desired === undefined) return null;
  return { desired, pods: value('pod') };
}
