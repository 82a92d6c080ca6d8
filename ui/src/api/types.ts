// The shapes of Weave Scope's app API (scope-contract §4) and of the portal API (portal.yaml).

export interface TopologyOptionValue {
  value: string;
  label: string;
}

export interface TopologyOption {
  id: string;
  defaultValue: string;
  selectType?: 'one' | 'union';
  noneLabel?: string;
  options: TopologyOptionValue[];
}

export interface TopologyStats {
  node_count: number;
  nonpseudo_node_count: number;
  edge_count: number;
  filtered_nodes: number;
}

export interface TopologyDescriptor {
  name: string;
  rank: number;
  hide_if_empty: boolean;
  url: string;
  options?: TopologyOption[] | null;
  sub_topologies?: TopologyDescriptor[] | null;
  stats?: TopologyStats;
}

export interface MetadataRow {
  id: string;
  label: string;
  value: string;
  priority?: number;
  dataType?: string;
  truncate?: number;
}

export interface MetricSample {
  date: string;
  value: number;
}

export interface MetricRow {
  id: string;
  label: string;
  format?: string;
  group?: string;
  value: number;
  valueEmpty?: boolean;
  priority?: number;
  samples?: MetricSample[] | null;
  min: number;
  max: number;
  url?: string;
}

export interface TableColumn {
  id: string;
  label: string;
  dataType?: string;
  defaultSort?: boolean;
}

export interface TableRow {
  id: string;
  entries: Record<string, string>;
}

export interface Table {
  id: string;
  label: string;
  type: 'property-list' | 'multicolumn-table' | string;
  columns?: TableColumn[] | null;
  rows?: TableRow[] | null;
  truncationCount?: number;
}

export interface ParentRef {
  id: string;
  label: string;
  topologyId: string;
}

export interface NodeSummary {
  id: string;
  label: string;
  labelMinor: string;
  rank: string;
  shape?: string;
  tag?: string;
  stack?: boolean;
  pseudo?: boolean;
  metadata?: MetadataRow[] | null;
  parents?: ParentRef[] | null;
  metrics?: MetricRow[] | null;
  tables?: Table[] | null;
  adjacency?: string[] | null;
}

export interface ControlDescriptor {
  probeId: string;
  nodeId: string;
  id: string;
  human: string;
  icon: string;
  confirmation?: string;
  rank: number;
}

export interface ChildGroup {
  id?: string;
  label: string;
  topologyId: string;
  columns?: TableColumn[] | null;
  nodes?: NodeSummary[] | null;
}

export interface Connection {
  id: string;
  nodeId: string;
  label: string;
  labelMinor?: string;
  metadata?: MetadataRow[] | null;
}

export interface ConnectionTable {
  id: string;
  topologyId: string;
  label: string;
  columns?: TableColumn[] | null;
  connections?: Connection[] | null;
}

export interface NodeDetails extends NodeSummary {
  controls?: ControlDescriptor[] | null;
  children?: ChildGroup[] | null;
  connections?: ConnectionTable[] | null;
}

/** One frame of the topology websocket. */
export interface TopologyDiff {
  add?: NodeSummary[] | null;
  update?: NodeSummary[] | null;
  remove?: string[] | null;
  reset?: boolean;
}

/** What a control answers (scope-contract §3). */
export interface ControlResponse {
  value?: unknown;
  error?: string;
  pipe?: string;
  raw_tty?: boolean;
  resize_tty_control?: string;
  removedNode?: string;
}

// Portal API.

export type Role = 'owner' | 'admin' | 'member' | 'viewer';

export interface OrgRef {
  id: string;
  name: string;
  role: Role;
}

export interface SessionInfo {
  user: { id: string; email: string; emailVerified?: boolean };
  csrfToken: string;
  orgs: OrgRef[];
}

export interface Member {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Invite {
  id: string;
  email?: string;
  role: Role;
  expiresAt: string;
  link?: string;
  mailed?: boolean;
}

export interface Invitation {
  org: string;
  role: Role;
  expiresAt: string;
}

export interface ProbeToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  token?: string;
}

export interface Probe {
  id: string;
  hostname?: string | null;
  version?: string | null;
  firstSeen: string;
  lastSeen: string;
  connected: boolean;
  /** Holds a control connection now, so its controls (and shells) can run. */
  controlConnected?: boolean;
}

export interface ViewSpec {
  name: string;
  topology: string;
  options: Record<string, string>;
  search?: string;
  selectedNode?: string | null;
  shared: boolean;
}

export interface SavedView extends ViewSpec {
  id: string;
  mine: boolean;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  userId?: string | null;
  probeId: string;
  nodeId: string;
  control: string;
  args?: Record<string, string> | null;
  outcome: string;
  error?: string | null;
  durationMs: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  next?: number | null;
}

export const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function atLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[needed];
}

/** `GET /api/app/{org}/api`: the service and the plugins that report (scope-contract §3). */
export interface ApiInfo {
  id: string;
  version: string;
  hostname: string;
  plugins?: { id: string; label?: string; description?: string; status?: string }[] | null;
}
