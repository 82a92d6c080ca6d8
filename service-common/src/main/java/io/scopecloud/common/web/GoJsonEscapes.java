package io.scopecloud.common.web;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Escapes JSON strings as Go's {@code encoding/json} does, and so as Weave Scope's app answers: {@code <}, {@code >}
 * and {@code &} as {@code \u003c}, {@code \u003e} and {@code \u0026} (lower-case hex, as Go writes them), and the
 * line and paragraph separators U+2028 and U+2029. Besides matching Scope byte for byte, no JSON answer can then be
 * read as HTML by a browser that sniffs it.
 */
public final class GoJsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializableString LT = new SerializedString("\\u003c");
    private static final SerializableString GT = new SerializedString("\\u003e");
    private static final SerializableString AMP = new SerializedString("\\u0026");
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    static {
        ASCII['<'] = ESCAPE_CUSTOM;
        ASCII['>'] = ESCAPE_CUSTOM;
        ASCII['&'] = ESCAPE_CUSTOM;
    }

    /** Makes every string {@code json} writes escaped as Go escapes it. */
    public static void install(ObjectMapper json) {
        json.getFactory().setCharacterEscapes(new GoJsonEscapes());
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII.clone();
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '<' -> LT;
            case '>' -> GT;
            case '&' -> AMP;
            case '\u2028' -> LINE_SEPARATOR;
            case '\u2029' -> PARAGRAPH_SEPARATOR;
            default -> null;
        };
    }
}
