package io.scopecloud.ops;

/** What a service's configuration must offer for the {@link OpsBundle}: its {@code ops} section. */
public interface OpsSettings {
    OpsFactory getOps();
}
