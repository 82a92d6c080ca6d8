package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The probe this install serves to {@code install.sh}: the probe's runnable jar (the probe
 * module's {@code probe-<version>-all.jar}, every dependency inside), its version, and the
 * {@code scope} script packed in it, with their SHA-256 sums. The jar is found beside the probe's
 * classes: the probe's main class's code source is {@code lib/probe-<version>.jar} in an install
 * (the build copies the runnable jar next to it), the local Maven repository's copy in tests, or
 * {@code probe/target/classes} in a source tree.
 */
final class ProbeDistribution {
    static final String PROBE_MAIN = "io.scopecloud.probe.ProbeMain";
    static final String VERSION_ENTRY = "io/scopecloud/probe/version.properties";
    static final String SCRIPT_ENTRY = "io/scopecloud/probe/scope";

    private final Path jar;
    private final String version;
    private final byte[] script;
    private final String jarSha256;
    private final String scriptSha256;

    private ProbeDistribution(Path jar, String version, byte[] script, String jarSha256) {
        this.jar = requireNonNull(jar, "jar is null");
        this.version = requireNonNull(version, "version is null");
        this.script = script.clone();
        this.jarSha256 = requireNonNull(jarSha256, "jarSha256 is null");
        this.scriptSha256 = sha256(script);
    }

    /** The runnable probe jar beside the probe's classes, or beside this jar; empty when none is. */
    static Optional<ProbeDistribution> find() {
        List<Path> places = new ArrayList<>();
        try {
            codeSource(Class.forName(PROBE_MAIN, false, ProbeDistribution.class.getClassLoader()))
                    .ifPresent(places::add);
        } catch (ClassNotFoundException e) {
            // a service without the probe's classes: only its own lib/ can hold the jar
        }
        codeSource(ProbeDistribution.class).ifPresent(places::add);
        for (Path place : places) {
            for (Path candidate : candidates(place)) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(open(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where the runnable jar may be, given where some class was loaded from: the {@code -all}
     * sibling of {@code probe-<v>.jar}, the jar itself when it is the runnable one, or any
     * {@code probe-*-all.jar} in the directory above a classes directory or beside a jar.
     */
    static List<Path> candidates(Path codeSource) {
        List<Path> out = new ArrayList<>();
        Path name = codeSource.getFileName();
        String file = name == null ? "" : name.toString();
        Path dir = codeSource.getParent();
        if (file.endsWith("-all.jar")) {
            out.add(codeSource);
        } else if (file.startsWith("probe-") && file.endsWith(".jar") && dir != null) {
            out.add(dir.resolve(file.substring(0, file.length() - ".jar".length()) + "-all.jar"));
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "probe-*-all.jar")) {
                all.forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static ProbeDistribution open(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Properties version = new Properties();
            try (InputStream in = entry(zip, jar, VERSION_ENTRY)) {
                version.load(in);
            }
            byte[] script;
            try (InputStream in = entry(zip, jar, SCRIPT_ENTRY)) {
                script = in.readAllBytes();
            }
            String v = version.getProperty("version", "");
            if (!v.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalStateException(jar + ": not a probe version: '" + v + "'");
            }
            MessageDigest digest = newSha256();
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return new ProbeDistribution(jar, v, script, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the probe jar " + jar, e);
        }
    }

    Path jar() {
        return jar;
    }

    String version() {
        return version;
    }

    /** The name install.sh downloads the jar by: {@code probe-<version>.jar}. */
    String jarName() {
        return "probe-" + version + ".jar";
    }

    byte[] script() {
        return script.clone();
    }

    String jarSha256() {
        return jarSha256;
    }

    String scriptSha256() {
        return scriptSha256;
    }

    /** {@code sha256sum}'s format: {@code <hex>  <name>} a line. */
    String sha256Sums() {
        return jarSha256 + "  " + jarName() + "\n" + scriptSha256 + "  scope\n";
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static InputStream entry(ZipFile zip, Path jar, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(jar + " has no " + name + ": not a probe jar this service can serve");
        }
        return zip.getInputStream(entry);
    }

    private static Optional<Path> codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return jarName() + " (" + jar + ")";
    }
}
