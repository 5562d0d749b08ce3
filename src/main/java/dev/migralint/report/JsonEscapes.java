package dev.migralint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.migralint.config.Printable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

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

    /** What writes one JSON document's content. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one pretty-printed JSON document with these escapes to {@code out}, then a line break. */
    static void document(PrintWriter out, Body body) {
        try (JsonGenerator g = factory().createGenerator(new NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
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
