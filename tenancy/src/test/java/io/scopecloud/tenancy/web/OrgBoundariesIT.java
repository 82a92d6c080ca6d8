package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every org-scoped endpoint of the portal, called by someone of another org (404, as if the org
 * did not exist) and by a viewer of the org (403 for anything that writes).
 */
class OrgBoundariesIT {
    private static final Map<String, Object> VIEW =
            Map.of("name", "v", "topology", "hosts", "options", Map.of(), "shared", true);

    private static PortalServer server;
    private static String org;
    private static PortalClient owner;
    private static PortalClient viewer;
    private static PortalClient outsider;
    private static List<Call> calls;
    private static String bearer;

    @BeforeAll
    static void setUp() throws Exception {
        server = new PortalServer();
        owner = server.owner("Boundary Org");
        org = PortalServer.orgOf(owner);
        viewer = server.joined(owner, org, "viewer");
        outsider = server.owner("Elsewhere");
        String ownerId = owner.get("/api/session").json().get("user").get("id").asText();
        String invite = owner.post("/api/orgs/" + org + "/invites", Map.of("role", "member"))
                .text("id");
        String token =
                owner.post("/api/orgs/" + org + "/tokens", Map.of("name", "t")).text("id");
        String view = owner.post("/api/orgs/" + org + "/views", VIEW).text("id");
        bearer = owner.post("/api/orgs/" + org + "/tokens", Map.of("name", "on a host"))
                .text("token");
        String o = "/api/orgs/" + org;
        calls = List.of(
                new Call("GET", o, null),
                new Call("PATCH", o, Map.of("name", "renamed")),
                new Call("DELETE", o, null),
                new Call("GET", o + "/members", null),
                new Call("PATCH", o + "/members/" + ownerId, Map.of("role", "viewer")),
                new Call("DELETE", o + "/members/" + ownerId, null),
                new Call("GET", o + "/invites", null),
                new Call("POST", o + "/invites", Map.of("role", "admin")),
                new Call("DELETE", o + "/invites/" + invite, null),
                new Call("GET", o + "/tokens", null),
                new Call("POST", o + "/tokens", Map.of("name", "mine now")),
                new Call("POST", o + "/tokens/" + token + "/rotate", null),
                new Call("DELETE", o + "/tokens/" + token, null),
                new Call("GET", o + "/probes", null),
                new Call("GET", o + "/views", null),
                new Call("POST", o + "/views", VIEW),
                new Call("GET", o + "/views/" + view, null),
                new Call("PUT", o + "/views/" + view, VIEW),
                new Call("DELETE", o + "/views/" + view, null));
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    @Test
    void anotherOrgsMemberGets404Everywhere() {
        for (Call call : calls) {
            Reply reply = outsider.send(call.method(), call.path(), call.body());
            assertThat(reply.status()).as(call.toString()).isEqualTo(404);
            assertThat(reply.body()).as(call.toString()).doesNotContain("Boundary Org");
        }
    }

    @Test
    void aViewerGets403ForEveryWrite() {
        for (Call call : calls) {
            if (call.method().equals("GET")) {
                continue;
            }
            assertThat(viewer.send(call.method(), call.path(), call.body()).status())
                    .as(call.toString())
                    .isEqualTo(403);
        }
    }

    @Test
    void aViewerReadsTheMapSideButNotSecrets() {
        String o = "/api/orgs/" + org;
        assertThat(viewer.get(o).status()).isEqualTo(200);
        assertThat(viewer.get(o + "/members").status()).isEqualTo(200);
        assertThat(viewer.get(o + "/views").status()).isEqualTo(200);
        assertThat(viewer.get(o + "/probes").status()).isEqualTo(200);
        assertThat(viewer.get(o + "/tokens").status()).isEqualTo(403);
        assertThat(viewer.get(o + "/invites").status()).isEqualTo(403);
    }

    @Test
    void nobodySignedInGets401() {
        PortalClient anonymous = server.anonymous();
        for (Call call : calls) {
            assertThat(anonymous.send(call.method(), call.path(), call.body()).status())
                    .as(call.toString())
                    .isEqualTo(401);
        }
    }

    /**
     * Issue 17 item 10: a probe token sits on every monitored host, so as a bearer it reads the map
     * (the query service's {@code /api/app/{org}/api/...}) and nothing of the portal: not the
     * team's emails and roles, the views or the probes. Before the fix the GETs answered 200.
     */
    @Test
    void aProbeTokenAsBearerGets401FromEveryPortalRoute() {
        PortalClient script = server.anonymous();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + bearer);
        for (Call call : calls) {
            Reply reply = script.send(call.method(), call.path(), call.body(), auth);
            assertThat(reply.status()).as(call.toString()).isEqualTo(401);
            assertThat(reply.text("message")).as(call.toString()).contains("reads the map only");
        }
    }

    @Test
    void aProbeTokenAsBearerStillReadsTheMap() {
        assertThat(server.tenancy()
                        .orgAccess()
                        .caller(org, "Bearer " + bearer, null)
                        .role()
                        .id())
                .isEqualTo("viewer");
    }

    record Call(String method, String path, Object body) {}
}
