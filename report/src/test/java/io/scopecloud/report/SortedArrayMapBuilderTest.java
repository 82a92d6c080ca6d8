package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SortedArrayMapBuilderTest {
    @Test
    void aMapBuiltFromAsManyEntriesAsExpectedHoldsThemSorted() {
        SortedArrayMap.Builder<String> b = new SortedArrayMap.Builder<String>((k, x, y) -> y).expect(3);
        b.put("c", "3").put("a", "1").put("b", "2");

        assertThat(b.build()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void moreEntriesThanExpectedStillGoIn() {
        SortedArrayMap.Builder<String> b = new SortedArrayMap.Builder<String>((k, x, y) -> x + y).expect(1);
        b.put("b", "2").put("a", "1").put("b", "3");

        assertThat(b.build()).containsExactly(Map.entry("a", "1"), Map.entry("b", "23"));
    }

    @Test
    void aHostileCountDoesNotSizeTheArrays() {
        SortedArrayMap.Builder<String> b = new SortedArrayMap.Builder<String>((k, x, y) -> y).expect(Integer.MAX_VALUE);
        b.put("a", "1");

        assertThat(b.build()).containsExactly(Map.entry("a", "1"));
    }
}
