package io.scopecloud.query.detail;

/** Scope's {@code BasicNodeSummary}: enough to draw a node or link to it. */
record BasicSummary(
        String id,
        String label,
        String labelMinor,
        String rank,
        String shape,
        String tag,
        boolean stack,
        boolean pseudo) {

    BasicSummary label(String l) {
        return new BasicSummary(id, l, labelMinor, rank, shape, tag, stack, pseudo);
    }

    BasicSummary labelMinor(String l) {
        return new BasicSummary(id, label, l, rank, shape, tag, stack, pseudo);
    }

    BasicSummary rank(String r) {
        return new BasicSummary(id, label, labelMinor, r, shape, tag, stack, pseudo);
    }

    BasicSummary shape(String s) {
        return new BasicSummary(id, label, labelMinor, rank, s, tag, stack, pseudo);
    }

    BasicSummary tag(String t) {
        return new BasicSummary(id, label, labelMinor, rank, shape, t, stack, pseudo);
    }

    BasicSummary stacked() {
        return new BasicSummary(id, label, labelMinor, rank, shape, tag, true, pseudo);
    }

    BasicSummary asPseudo() {
        return new BasicSummary(id, label, labelMinor, rank, shape, tag, stack, true);
    }
}
