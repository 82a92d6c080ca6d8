package io.scopecloud.query.render;

/** Renders a report into nodes: Scope's {@code render.Renderer}. */
@FunctionalInterface
public interface Renderer {
    Nodes render(RenderContext ctx);
}
