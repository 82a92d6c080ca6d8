package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The app's {@code index.html}, read once; a plain explanation when the jar was built without it. */
record IndexPage(String html, boolean built) {
    IndexPage {
        requireNonNull(html, "html is null");
    }

    static IndexPage load(String resource) {
        try (InputStream in = IndexPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                return new IndexPage(
                        """
                        <!doctype html><meta charset="utf-8"><title>Scope Cloud</title>
                        <p>The web app is not in this build. Build the ui module with Node 20+ and npm
                        (<code>./mvnw install -pl ui</code>); the API under /api works without it.</p>
                        """,
                        false);
            }
            return new IndexPage(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
