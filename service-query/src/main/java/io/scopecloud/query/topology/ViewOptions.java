package io.scopecloud.query.topology;

import io.scopecloud.query.render.Transformer;

/**
 * A view with its options resolved: {@code key} names the options (for memoising the rendered
 * view), {@code transformer} applies them.
 */
public record ViewOptions(String topologyId, String key, Transformer transformer) {}
