package io.scopecloud.query.render;

/** Scope's {@code render.Transformer}: what the request's options do to a rendered view. */
@FunctionalInterface
public interface Transformer {
    Nodes transform(Nodes nodes);

    static Transformer chain(Transformer first, Transformer second) {
        return n -> second.transform(first.transform(n));
    }
}
