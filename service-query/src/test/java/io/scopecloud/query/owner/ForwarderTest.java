package io.scopecloud.query.owner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwarderTest {
    @Test
    void anOwnerThatRefusesTheConnectionIsReportedAsUnreachableSoTheCallerCanAnswerItself() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } // closed: the port refuses connections, as a killed instance's does
        URI owner = URI.create("http://127.0.0.1:" + port + "/");

        assertThatThrownBy(() -> new Forwarder().forward(owner, "/api/app/org/api/topology", new NoHeaders()))
                .isInstanceOf(Forwarder.OwnerUnreachableException.class)
                .hasMessageContaining(owner.toString());
    }

    /** A request that carries none of the headers the forwarder passes on. */
    private static final class NoHeaders implements HttpHeaders {
        @Override
        public List<String> getRequestHeader(String name) {
            return List.of();
        }

        @Override
        public String getHeaderString(String name) {
            return null;
        }

        @Override
        public MultivaluedMap<String, String> getRequestHeaders() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public List<MediaType> getAcceptableMediaTypes() {
            return List.of();
        }

        @Override
        public List<Locale> getAcceptableLanguages() {
            return List.of();
        }

        @Override
        public MediaType getMediaType() {
            return null;
        }

        @Override
        public Locale getLanguage() {
            return null;
        }

        @Override
        public Map<String, Cookie> getCookies() {
            return Map.of();
        }

        @Override
        public Date getDate() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }
    }
}
