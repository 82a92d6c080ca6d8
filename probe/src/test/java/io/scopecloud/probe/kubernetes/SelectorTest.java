package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static final Map<String, String> FRONTEND = Map.of("app", "frontend", "tier", "web");

    @Test
    void matchLabelsAndExpressionsAreAllRequired() {
        LabelSelector selector = new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app", "frontend"))
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("web", "edge")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("canary")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();
        assertThat(Selector.of(selector).matches(FRONTEND)).isTrue();
        assertThat(Selector.of(selector).matches(Map.of("app", "frontend", "tier", "db")))
                .isFalse();
        assertThat(Selector.of(selector).matches(Map.of("app", "frontend", "tier", "web", "canary", "1")))
                .isFalse();
    }

    @Test
    void aNilSelectorSelectsNothingAndAnEmptyOneEverything() {
        assertThat(Selector.of(null).matches(FRONTEND)).isFalse();
        assertThat(Selector.of(new LabelSelector()).matches(FRONTEND)).isTrue();
    }

    @Test
    void aServiceWithoutSelectorSelectsNothing() {
        assertThat(Selector.ofService(null).matches(FRONTEND)).isFalse();
        assertThat(Selector.ofService(Map.of()).matches(FRONTEND)).isFalse();
        assertThat(Selector.ofService(Map.of("app", "frontend")).matches(FRONTEND))
                .isTrue();
    }
}
