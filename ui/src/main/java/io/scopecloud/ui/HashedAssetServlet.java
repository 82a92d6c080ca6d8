package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The build's {@code assets/} directory. Vite puts a content hash in every file name there, so a
 * file's bytes never change under its name: browsers may keep each one for a year without asking
 * again ({@code immutable}), while {@code index.html} (served with {@code no-cache} by
 * {@link UiResource}) names the current ones. Dropwizard's servlet sets the content type from
 * the extension and answers ETag and Range requests; it sets no {@code Cache-Control}, hence this.
 */
final class HashedAssetServlet extends AssetServlet {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** Vite writes assets flat: a name, a hash, an extension; nothing else is ever ours to cache. */
    private static final Pattern FILE = Pattern.compile("/[A-Za-z0-9_.-]+");

    private final String resourceDir;

    HashedAssetServlet(String resourceDir) {
        super(resourceDir, "/assets", null, StandardCharsets.UTF_8);
        this.resourceDir = requireNonNull(resourceDir, "resourceDir is null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String file = request.getPathInfo();
        // Only files that exist: a 404 cached for a year would outlive the deploy that adds the file.
        if (file != null
                && FILE.matcher(file).matches()
                && HashedAssetServlet.class.getResource(resourceDir + file) != null) {
            response.setHeader("Cache-Control", IMMUTABLE);
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        super.doGet(request, response);
    }
}
