// What a relative in node details is, in words: Scope's topology ids ("kube-controllers") are
// for URLs, not people.
const KINDS: Record<string, string> = {
  hosts: 'Host',
  processes: 'Process',
  'processes-by-name': 'Process name',
  containers: 'Container',
  'containers-by-image': 'Image',
  'containers-by-hostname': 'Container hostname',
  pods: 'Pod',
  'kube-controllers': 'Controller',
  services: 'Service',
  'ecs-tasks': 'ECS task',
  'ecs-services': 'ECS service',
  'swarm-services': 'Swarm service',
  weave: 'Weave peer',
};

/** The kind of node a topology holds, e.g. "Controller" for kube-controllers; the id itself for one not known. */
export function kindOf(topologyId: string): string {
  return KINDS[topologyId] ?? topologyId;
}
