package io.scopecloud.control.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON written as Go's encoders write it: compact, and with {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \\u003c} and so on, so frames match Weave Scope's byte for byte.
 */
public final class GoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(goFactory());

    private GoJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static JsonFactory goFactory() {
        JsonFactory factory = new JsonFactory();
        factory.setCharacterEscapes(new HtmlSafeEscapes());
        return factory;
    }

    /** Go's escapes, in lowercase hex as Go writes them. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
