package io.scopecloud.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlPathTest {
    @Test
    void decodesTheFourNamesAsJerseyDecodesPathParameters() {
        assertThat(
                        ControlPath.parse(
                                "/api/app/acme-1/api/control/3f1b87f896a4f8ea/arn%3Aaws%3Aecs%3Atask%2Fabc%3B%3Cecs_task%3E/ecs_scale_up"))
                .isEqualTo(new ControlPath(
                        "acme-1", "3f1b87f896a4f8ea", "arn:aws:ecs:task/abc;<ecs_task>", "ecs_scale_up"));
        assertThat(ControlPath.parse("/api/app/o/api/control/p/a+b%20c/c"))
                .as("a + stays a + in a path")
                .isEqualTo(new ControlPath("o", "p", "a+b c", "c"));
        assertThat(ControlPath.parse("/api/app/o/api/control/p/%C3%A9t%C3%A9/c").nodeId())
                .isEqualTo("été");
    }

    @Test
    void hasNoneForAnyOtherPath() {
        for (String path : new String[] {
            "/api/app/o/api/control/audit",
            "/api/app/o/api/control/p/n",
            "/api/app/o/api/control/p/n/c/",
            "/api/app/o/api/control/p/n/c/more",
            "/api/app/o/api/control/p//c",
            "/api/app//api/control/p/n/c",
            "/api/app/o/api/topology/p/n/c",
            "/api/app/o/api/control/p/vm;<host>/c",
            "/api/app/o;x=1/api/control/p/n/c",
            "/api/app/o/api/control/p/bad%zzescape/c",
            "/api/control/ws",
            "/internal/control/o/p"
        }) {
            assertThat(ControlPath.parse(path)).as(path).isNull();
        }
    }

    @Test
    void takesJsonBodiesOnly() {
        assertThat(FastControls.isJson("application/json")).isTrue();
        assertThat(FastControls.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(FastControls.isJson("application/octet-stream")).isFalse();
        assertThat(FastControls.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(FastControls.isJson("application/jsonx")).isFalse();
    }
}
