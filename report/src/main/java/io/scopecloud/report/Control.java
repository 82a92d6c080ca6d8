package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * A control a topology offers (e.g. {@code host_exec}). {@code icon} is a Font Awesome class; a non-empty
 * {@code probeId} overrides the node's {@code control_probe_id}. Null optional strings become "" (Go's zero value).
 */
public record Control(String id, String human, String icon, String confirmation, int rank, String probeId) {
    /** A total order, used only to pick a winner deterministically when two sides define the same control. */
    static final Comparator<Control> TIE_BREAK = Comparator.comparing(Control::human, Utf8Order.COMPARATOR)
            .thenComparing(Control::icon, Utf8Order.COMPARATOR)
            .thenComparing(Control::confirmation, Utf8Order.COMPARATOR)
            .thenComparingInt(Control::rank)
            .thenComparing(Control::probeId, Utf8Order.COMPARATOR)
            .thenComparing(Control::id, Utf8Order.COMPARATOR);

    public Control {
        requireNonNull(id, "id is null");
        human = human == null ? "" : human;
        icon = icon == null ? "" : icon;
        confirmation = confirmation == null ? "" : confirmation;
        probeId = probeId == null ? "" : probeId;
    }

    public Control(String id, String human, String icon, int rank) {
        this(id, human, icon, "", rank, "");
    }
}
