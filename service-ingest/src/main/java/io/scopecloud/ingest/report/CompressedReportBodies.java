package io.scopecloud.ingest.report;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps report bodies compressed until the report decoder reads them. Dropwizard's {@code server.gzip} handler
 * inflates gzipped request bodies before any resource sees them; for {@code POST /api/report} that would make
 * {@code maxBodySize} cap the inflated size and leave {@code maxDecompressedSize} (the gzip-bomb limit) unused,
 * and a corrupt gzip body would fail outside the decoder with a 500. So, whatever the configuration, the server's
 * gzip handlers never inflate {@link #PATH}; {@code ReportResource} hands the body to the decoder as it came.
 */
public final class CompressedReportBodies implements LifeCycle.Listener {
    /** The path whose request bodies stay compressed. */
    public static final String PATH = "/api/report";

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
            // The gzip handler wraps the contexts, so it sees whole paths: the context's path comes first.
            List<String> paths = new ArrayList<>();
            paths.add(PATH);
            for (ContextHandler context : server.getDescendants(ContextHandler.class)) {
                String contextPath = context.getContextPath();
                if (contextPath != null && !contextPath.isEmpty() && !contextPath.equals("/")) {
                    paths.add(contextPath + PATH);
                }
            }
            for (GzipHandler gzip : server.getDescendants(GzipHandler.class)) {
                gzip.addExcludedInflationPaths(paths.toArray(String[]::new));
            }
        }
    }
}
