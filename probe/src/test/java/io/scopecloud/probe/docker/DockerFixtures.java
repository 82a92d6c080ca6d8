package io.scopecloud.probe.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Engine answers captured from podman 4.3 and shaped after Docker 24's, under {@code src/test/resources/docker}. */
final class DockerFixtures {
    private DockerFixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = DockerFixtures.class.getResourceAsStream("/docker/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static JsonNode json(String name) {
        try {
            return DockerJson.tree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DockerContainer container(String name) {
        return DockerJson.container(json(name));
    }
}
