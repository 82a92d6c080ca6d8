package io.scopecloud.tenancy.org;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Makes an organisation's external id from its name: a lowercase slug plus a random number, so
 * ids are readable ({@code acme-prod-4821}) without revealing how many orgs exist.
 */
final class ExternalIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SLUG = 40;

    private ExternalIds() {}

    static String forName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "org";
        }
        return slug + "-" + (1000 + RANDOM.nextInt(9000));
    }
}
