package io.scopecloud.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${SCOPE_CLOUD_X:-default}} variables of a service's operator file
 * (infra/hosted/&lt;service&gt;.yml), and which of them a deployment must set: those without a
 * default, and those whose default only works on one machine (localhost, 127.0.0.1).
 */
record HostedSettings(Map<String, String> defaults) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(SCOPE_CLOUD_[A-Z0-9_]+)(?::-([^}]*))?}");

    static HostedSettings of(String service) throws IOException {
        String yaml = Files.readString(Repo.root().resolve("infra/hosted/" + service + ".yml"));
        Map<String, String> defaults = new TreeMap<>();
        Matcher m = VARIABLE.matcher(yaml);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        return new HostedSettings(defaults);
    }

    Map<String, String> required() {
        Map<String, String> required = new TreeMap<>();
        defaults.forEach((name, value) -> {
            if (value.isEmpty() || value.contains("localhost") || value.contains("127.0.0.1")) {
                required.put(name, value);
            }
        });
        return required;
    }

    int intDefault(String name) {
        return Integer.parseInt(defaults.get(name));
    }
}
