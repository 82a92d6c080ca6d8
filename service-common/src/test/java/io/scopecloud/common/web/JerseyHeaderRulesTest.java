package io.scopecloud.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class JerseyHeaderRulesTest {
    @Test
    void findsTheCookieOrSaysToLeaveTheHeaderToJersey() {
        assertThat(JerseyHeaderRules.cookie(HttpFields.build(), "s")).isNull();
        assertThat(JerseyHeaderRules.cookie(cookies("theme=dark; s=abc"), "s")).isEqualTo("abc");
        assertThat(JerseyHeaderRules.cookie(cookies("theme=dark", "s=abc"), "s"))
                .isEqualTo("abc");
        assertThat(JerseyHeaderRules.cookie(cookies("ss=abc"), "s")).isNull();
        assertThat(JerseyHeaderRules.cookie(cookies("s=abc; s=def"), "s"))
                .as("twice")
                .isEmpty();
        assertThat(JerseyHeaderRules.cookie(cookies("s=abc", "s=abc"), "s"))
                .as("twice")
                .isEmpty();
        assertThat(JerseyHeaderRules.cookie(cookies("s=\"abc\""), "s"))
                .as("quoted")
                .isEmpty();
        assertThat(JerseyHeaderRules.cookie(cookies("s="), "s")).as("empty").isEmpty();
    }

    @Test
    void acceptsJsonAsJerseyWouldAnswerIt() {
        assertThat(JerseyHeaderRules.acceptsJson(null)).isTrue();
        assertThat(JerseyHeaderRules.acceptsJson("*/*")).isTrue();
        assertThat(JerseyHeaderRules.acceptsJson("application/json, text/plain, */*"))
                .isTrue();
        assertThat(JerseyHeaderRules.acceptsJson("application/*")).isTrue();
        assertThat(JerseyHeaderRules.acceptsJson("application/*;q=0.5")).isTrue();
        assertThat(JerseyHeaderRules.acceptsJson("application/json;q=0")).isFalse();
        assertThat(JerseyHeaderRules.acceptsJson("application/msgpack")).isFalse();
        assertThat(JerseyHeaderRules.acceptsJson("text/html")).isFalse();
        assertThat(JerseyHeaderRules.acceptsJson("application/msgpack, */*")).isFalse();
        assertThat(JerseyHeaderRules.acceptsJson("application/json, text/html;q=0"))
                .isFalse();
        assertThat(JerseyHeaderRules.acceptsJson("application/json;q=oops")).isFalse();
    }

    private static HttpFields cookies(String... headers) {
        HttpFields.Mutable fields = HttpFields.build();
        for (String h : headers) {
            fields.add(HttpHeader.COOKIE, h);
        }
        return fields;
    }
}
