package io.scopecloud.query.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.scopecloud.query.render.Filter;
import io.scopecloud.query.render.Filters;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A group of options of a view (Scope's {@code APITopologyOptionGroup}): {@code selectType} "one"
 * (the default) picks a single value, "union" a comma-separated set whose filters are ORed.
 */
@JsonPropertyOrder({"id", "defaultValue", "options", "selectType", "noneLabel"})
public record OptionGroup(
        @JsonProperty("id") String id,
        @JsonProperty("defaultValue") String defaultValue,
        @JsonProperty("options") @JsonInclude(Include.NON_EMPTY) List<Option> options,
        @JsonProperty("selectType") @JsonInclude(Include.NON_EMPTY) String selectType,
        @JsonProperty("noneLabel") @JsonInclude(Include.NON_EMPTY) String noneLabel) {

    /** One value of a group; {@code filter} null means "everything". */
    @JsonPropertyOrder({"value", "label"})
    public record Option(
            @JsonProperty("value") String value,
            @JsonProperty("label") String label,
            @JsonIgnore @Nullable Filter filter,
            @JsonIgnore boolean filterPseudo) {}

    static OptionGroup one(String id, String defaultValue, Option... options) {
        return new OptionGroup(id, defaultValue, List.of(options), "", "");
    }

    boolean isUnion() {
        return "union".equals(selectType);
    }

    /**
     * The filter for {@code value}, or null when it selects nothing to filter. Throws
     * {@link BadOptionException} for a value this group does not offer (in a "one" group).
     */
    @Nullable
    Filter filter(String value) {
        List<String> values = isUnion() ? List.of(value.split(",", -1)) : List.of(value);
        List<Filter> filters = new ArrayList<>();
        for (String v : values) {
            Option match = null;
            for (Option o : options) {
                if (o.value().equals(v)) {
                    match = o;
                }
            }
            if (match == null) {
                if (!isUnion()) {
                    throw new BadOptionException("unknown value '" + v + "' for option '" + id + "': expected one of "
                            + options.stream().map(Option::value).toList());
                }
                continue;
            }
            if (match.filter() == null) {
                filters.add(n -> true);
            } else if (match.filterPseudo()) {
                filters.add(match.filter());
            } else {
                filters.add(Filter.any(Filters.IS_PSEUDO_TOPOLOGY, match.filter()));
            }
        }
        if (filters.isEmpty()) {
            return null;
        }
        return n -> {
            for (Filter f : filters) {
                if (f.test(n)) {
                    return true;
                }
            }
            return false;
        };
    }
}
