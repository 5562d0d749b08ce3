package dev.migralint.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Lets a generator close its writer without closing the stream underneath (stdout stays usable). */
final class NonClosingWriter extends FilterWriter {
    NonClosingWriter(Writer out) {
        super(out);
    }

    @Override
    public void close() {
        flush();
    }

    @Override
    public void flush() {
        try {
            super.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
