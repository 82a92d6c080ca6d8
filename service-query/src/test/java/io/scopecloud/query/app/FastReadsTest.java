package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

/** What {@link FastReads} takes itself and what it leaves to Jersey. */
class FastReadsTest {
    @Test
    void takesAcceptsThatJerseyAnswersWithJson() {
        assertThat(FastReads.acceptsJson(null)).isTrue();
        assertThat(FastReads.acceptsJson("*/*")).isTrue();
        assertThat(FastReads.acceptsJson("application/json, text/plain, */*")).isTrue();
        assertThat(FastReads.acceptsJson("application/*;q=0.5")).isTrue();
    }

    @Test
    void leavesMsgpackRefusalsAndOtherTypesToJersey() {
        assertThat(FastReads.acceptsJson("application/msgpack")).isFalse();
        assertThat(FastReads.acceptsJson("application/json, application/msgpack"))
                .isFalse();
        assertThat(FastReads.acceptsJson("application/json;q=0")).isFalse();
        assertThat(FastReads.acceptsJson("application/json, text/html;q=0")).isFalse();
        assertThat(FastReads.acceptsJson("application/json;q=zero")).isFalse();
        assertThat(FastReads.acceptsJson("text/html")).isFalse();
    }

    @Test
    void readsTheOrgOnlyWhenItIsPlain() {
        assertThat(FastReads.orgOf("/api/app/abc-def/api/topology")).isEqualTo("abc-def");
        assertThat(FastReads.orgOf("/api/app/abc-def/api")).isEqualTo("abc-def");
        assertThat(FastReads.orgOf("/api/app/ab%2Fc/api")).isNull();
        assertThat(FastReads.orgOf("/api/app/ab;x=1/api")).isNull();
        assertThat(FastReads.orgOf("/api/app//api")).isNull();
        assertThat(FastReads.orgOf("/api/app/abc")).isNull();
    }

    @Test
    void takesOneSessionCookieAndLeavesAmbiguousOnesToJersey() {
        assertThat(FastReads.sessionCookie(HttpFields.build())).isNull();
        assertThat(FastReads.sessionCookie(cookies("theme=dark; scope_session=s1")))
                .isEqualTo("s1");
        assertThat(FastReads.sessionCookie(cookies("a=1"))).isNull();
        assertThat(FastReads.sessionCookie(cookies("scope_session=s1; scope_session=s2")))
                .isEmpty();
        assertThat(FastReads.sessionCookie(cookies("scope_session=\"s1\""))).isEmpty();
        assertThat(FastReads.sessionCookie(HttpFields.build()
                        .add(HttpHeader.COOKIE, "scope_session=s1")
                        .add(HttpHeader.COOKIE, "scope_session=s2")))
                .isEmpty();
    }

    private static HttpFields cookies(String header) {
        return HttpFields.build().add(HttpHeader.COOKIE, header);
    }
}
