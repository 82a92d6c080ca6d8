package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How the UI builds a table from latest keys: {@code {"id","label","prefix","type","columns","fixedRows"}} (no
 * omitempty; empty {@code columns}/{@code fixedRows} encode as null). {@code type} is {@code property-list} (the
 * default) or {@code multicolumn-table}.
 */
public record TableTemplate(
        String id, String label, String prefix, String type, List<Column> columns, Map<String, String> fixedRows) {
    public static final String PROPERTY_LIST = "property-list";
    public static final String MULTICOLUMN_TABLE = "multicolumn-table";

    /** One column of a multicolumn table. */
    public record Column(String id, String label, String dataType) {
        public Column {
            requireNonNull(id, "id is null");
            label = label == null ? "" : label;
            dataType = dataType == null ? "" : dataType;
        }
    }

    private static final Comparator<Column> COLUMN_ORDER = Comparator.comparing(Column::id, Utf8Order.COMPARATOR)
            .thenComparing(Column::label, Utf8Order.COMPARATOR)
            .thenComparing(Column::dataType, Utf8Order.COMPARATOR);

    public TableTemplate {
        requireNonNull(id, "id is null");
        label = label == null ? "" : label;
        prefix = prefix == null ? "" : prefix;
        type = type == null ? "" : type;
        columns = columns == null ? List.of() : List.copyOf(columns);
        fixedRows = fixedRows == null ? SortedArrayMap.empty() : SortedArrayMap.copyOf(fixedRows);
    }

    /**
     * Scope's table template merge: each string field takes the lexicographic max, the longer {@code columns} list
     * and the larger {@code fixedRows} map win. Go keeps its own side on equal sizes; we compare contents instead so
     * the merge is commutative.
     */
    public TableTemplate merge(TableTemplate other) {
        if (other.equals(this)) {
            return this;
        }
        List<Column> cols = columns;
        if (other.columns.size() > cols.size()
                || (other.columns.size() == cols.size() && compareColumns(other.columns, cols) > 0)) {
            cols = other.columns;
        }
        Map<String, String> rows = fixedRows;
        if (other.fixedRows.size() > rows.size()
                || (other.fixedRows.size() == rows.size() && compareRows(other.fixedRows, rows) > 0)) {
            rows = other.fixedRows;
        }
        return new TableTemplate(
                max(id, other.id),
                max(label, other.label),
                max(prefix, other.prefix),
                max(type, other.type),
                cols,
                rows);
    }

    private static String max(String a, String b) {
        return Utf8Order.compare(a, b) >= 0 ? a : b;
    }

    private static int compareColumns(List<Column> a, List<Column> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = COLUMN_ORDER.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareRows(Map<String, String> a, Map<String, String> b) {
        // Both are SortedArrayMaps of equal size: compare entry by entry in key order.
        var ia = a.entrySet().iterator();
        var ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            var x = ia.next();
            var y = ib.next();
            int c = Utf8Order.compare(x.getKey(), y.getKey());
            if (c == 0) {
                c = Utf8Order.compare(x.getValue(), y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
