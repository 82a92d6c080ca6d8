package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every route of the portal's account resources is in the OpenAPI document, with its method. */
class OpenApiCoverageTest {
    private static final List<Class<?>> RESOURCES = List.of(
            AccountResource.class,
            PasswordResource.class,
            EmailResource.class,
            AccountPageResource.class,
            TwoFactorResource.class,
            OrgTwoFactorResource.class,
            InvitationResource.class);

    @Test
    void everyAccountRouteIsDescribed() throws IOException {
        String yaml;
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi/portal.yaml")) {
            assertThat(in).isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = sub == null ? base : base + "/" + sub.value();
                int at = yaml.indexOf("\n  " + path + ":\n");
                int end = at < 0 ? -1 : yaml.indexOf("\n  /", at + 1);
                String block = at < 0 ? "" : yaml.substring(at, end < 0 ? yaml.length() : end);
                if (!block.contains("\n    " + verb + ":")) {
                    missing.add(verb + " " + path);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static String verb(Method m) {
        for (Class<? extends java.lang.annotation.Annotation> a :
                List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
