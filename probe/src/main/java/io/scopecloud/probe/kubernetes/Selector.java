package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label selector as Kubernetes applies it: a nil selector selects nothing, an empty one
 * everything; a service's plain map selects by equality (a service without one selects nothing).
 */
public final class Selector {
    private static final Selector NOTHING = new Selector(null, List.of(), false);

    private final Map<String, String> equal;
    private final List<LabelSelectorRequirement> expressions;
    private final boolean any;

    private Selector(Map<String, String> equal, List<LabelSelectorRequirement> expressions, boolean any) {
        this.equal = equal == null ? Map.of() : Map.copyOf(equal);
        this.expressions = List.copyOf(expressions);
        this.any = any;
    }

    public static Selector of(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        return new Selector(
                selector.getMatchLabels(),
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions(),
                true);
    }

    /** A service's selector: empty or absent selects nothing (Scope: labels.Nothing()). */
    public static Selector ofService(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return NOTHING;
        }
        return new Selector(selector, List.of(), true);
    }

    public boolean matches(Map<String, String> labels) {
        if (!any) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : equal.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : expressions) {
            String value = have.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok =
                    switch (r.getOperator()) {
                        case "In" -> value != null && values.contains(value);
                        case "NotIn" -> value == null || !values.contains(value);
                        case "Exists" -> have.containsKey(r.getKey());
                        case "DoesNotExist" -> !have.containsKey(r.getKey());
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Equal selectors select the same pods (a publish keeps the pods' parents while its selectors stay equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Selector other
                && any == other.any
                && equal.equals(other.equal)
                && expressions.equals(other.expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(equal, expressions, any);
    }
}
