package io.scopecloud.probe.kubernetes;

import java.util.Locale;

/**
 * Scope's {@code --probe.kubernetes.role}: which part of the Kubernetes work this probe does
 * (ADR 0017).
 */
public enum KubernetesRole {
    /** The per-node agent: host, processes, containers; ties containers to pods; never asks the API. */
    HOST("host"),
    /** One per cluster: lists and watches the API and reports its objects; no host data. */
    CLUSTER("cluster"),
    /** Scope's older single probe: both, with the pods of this node only. */
    BOTH("");

    private final String flagValue;

    KubernetesRole(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    /** Whether this role lists and watches the API server. */
    public boolean watchesApi() {
        return this != HOST;
    }

    /** Whether this role runs the host, process, endpoint and container reporters. */
    public boolean reportsHost() {
        return this != CLUSTER;
    }

    public static KubernetesRole parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (KubernetesRole role : values()) {
            if (role.flagValue.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("--probe.kubernetes.role must be host, cluster or empty, not " + text);
    }
}
