package io.scopecloud.common.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * How Jersey reads the few request headers a Jetty handler in front of it needs (a cookie, {@code Accept}), for
 * handlers that answer some requests themselves and leave the rest to Jersey (docs/adr/0019): each rule says when a
 * header is one Jersey would read the same way, and the handler leaves any other to Jersey.
 */
public final class JerseyHeaderRules {
    private JerseyHeaderRules() {}

    /**
     * The value of cookie {@code name}, null without one, or empty when the header is one to leave to Jersey's cookie
     * parsing (the cookie twice, empty, or quoted).
     */
    public static @Nullable String cookie(HttpFields headers, String name) {
        String prefix = name + "=";
        String found = null;
        for (HttpField field : headers) {
            if (field.getHeader() != HttpHeader.COOKIE) {
                continue;
            }
            for (String part : field.getValue().split(";", -1)) {
                String cookie = part.strip();
                if (cookie.startsWith(prefix)) {
                    String value = cookie.substring(prefix.length());
                    if (found != null || value.isEmpty() || value.indexOf('"') >= 0) {
                        return "";
                    }
                    found = value;
                }
            }
        }
        return found;
    }

    /**
     * True when Jersey would answer this {@code Accept} with JSON from a JSON resource: none, or one that lists JSON,
     * {@code application/*} or {@code * /*} and neither msgpack nor a refusal ({@code q=0}) of anything.
     */
    public static boolean acceptsJson(@Nullable String accept) {
        if (accept == null) {
            return true;
        }
        boolean json = false;
        for (String part : accept.split(",", -1)) {
            String[] params = part.split(";", -1);
            String type = params[0].strip();
            for (int i = 1; i < params.length; i++) {
                if (refuses(params[i].strip())) {
                    return false;
                }
            }
            if (type.equalsIgnoreCase("application/msgpack")) {
                return false;
            }
            json |= type.equalsIgnoreCase("application/json")
                    || type.equalsIgnoreCase("application/*")
                    || type.equals("*/*");
        }
        return json;
    }

    /**
     * Whether a parameter of one entry of an {@code Accept} or {@code Accept-Encoding} list refuses the entry: a
     * quality of 0, or one that does not parse (taken as a refusal, the cautious reading).
     */
    public static boolean refuses(String param) {
        if (!param.regionMatches(true, 0, "q=", 0, 2)) {
            return false;
        }
        try {
            return Double.parseDouble(param.substring(2)) <= 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
