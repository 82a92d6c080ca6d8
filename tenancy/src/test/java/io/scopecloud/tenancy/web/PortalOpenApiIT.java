package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's answers against its own OpenAPI document ({@code openapi/portal.yaml}, served at
 * {@code /api/openapi.yaml}), with formats asserted: dates are RFC 3339 date-times, ids UUIDs.
 */
class PortalOpenApiIT {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi30(),
            b -> b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Schema component(String name) {
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:openapi/portal.yaml#/components/schemas/" + name));
    }

    private static void conforms(Reply reply, int status, String component) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        List<Error> errors = component(component).validate(reply.body(), InputFormat.JSON);
        assertThat(errors).as(component + ": " + reply.body()).isEmpty();
    }

    private static void eachConforms(Reply reply, String component) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().isArray()).isTrue();
        assertThat(reply.json().size()).as(reply.body()).isPositive();
        Schema schema = component(component);
        reply.json().forEach(item -> assertThat(schema.validate(item.toString(), InputFormat.JSON))
                .as(component + ": " + item)
                .isEmpty());
    }

    @Test
    void everyAnswerWithABodyIsWhatTheDocumentSays() {
        PortalClient alice = server.owner("Documented Org");
        String org = PortalServer.orgOf(alice);
        String path = "/api/orgs/" + org;

        conforms(alice.get("/api/session"), 200, "Session");
        eachConforms(alice.get("/api/orgs"), "Org");
        conforms(alice.get(path), 200, "Org");
        eachConforms(alice.get(path + "/members"), "Member");
        conforms(alice.post(path + "/invites", Map.of("role", "member")), 201, "Invite");
        eachConforms(alice.get(path + "/invites"), "Invite");
        conforms(alice.post(path + "/tokens", Map.of("name", "laptop")), 201, "Token");
        eachConforms(alice.get(path + "/tokens"), "Token");
        conforms(
                alice.post(path + "/views", Map.of("name", "web", "topology", "containers", "options", Map.of())),
                201,
                "View");
        eachConforms(alice.get(path + "/views"), "View");
    }

    @Test
    void datesAreDateTimesNotEpochSeconds() {
        PortalClient alice = server.owner("Dated Org");
        Reply token = alice.post("/api/orgs/" + PortalServer.orgOf(alice) + "/tokens", Map.of("name", "ci"));

        assertThat(token.text("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        // And a number where a date-time belongs fails the document, so the test above can fail.
        assertThat(component("Token").validate("{\"createdAt\": 1796505012.967229}", InputFormat.JSON))
                .isNotEmpty();
    }
}
