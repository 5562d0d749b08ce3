package dev.migralint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.migralint.config.Printable;

/**
 * JSON escapes for what Jackson writes raw by default: C1 controls, DEL, the line and paragraph separators and the
 * bidi overrides ({@link Printable#unsafe}). The JSON means the same; a terminal or a log viewer showing it is safe.
 */
final class JsonEscapes extends CharacterEscapes {
    private static final JsonEscapes INSTANCE = new JsonEscapes();
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    private JsonEscapes() {
        ascii[0x7F] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    /** A factory whose generators use these escapes. */
    static JsonFactory factory() {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(INSTANCE);
        return f;
    }

    static <T extends JsonFactory> T apply(T f) {
        f.setCharacterEscapes(INSTANCE);
        return f;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch <= 0xFFFF && Printable.unsafe((char) ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }
}
