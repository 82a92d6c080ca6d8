package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

/**
 * The parts of an ECS service node ID {@code <cluster>;<service>}. The legacy form {@code <name>;<ecs_service>}
 * parses with cluster {@code "unknown"}, as in Scope.
 */
public record EcsServiceId(String cluster, String serviceName) {
    public EcsServiceId {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(serviceName, "serviceName is null");
    }

    @Override
    public String toString() {
        return NodeIds.makeEcsServiceId(cluster, serviceName);
    }
}
