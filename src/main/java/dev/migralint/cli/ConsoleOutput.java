package dev.migralint.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Standard output as commands print to it (a PrintWriter in the charset {@code new PrintWriter(System.out, true)}
 * would use, flushed on println) that also takes bytes already encoded in that charset (views of the result cache's mapping): the result cache prints a
 * warm run's stored report parts with a few large writes instead of decoding and encoding megabytes of text again.
 */
final class ConsoleOutput extends PrintWriter {
    private final PrintStream stream;
    private final Charset charset;

    ConsoleOutput(PrintStream stream) {
        this(stream, charsetOf(stream));
    }

    private ConsoleOutput(PrintStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
        this.charset = charset;
    }

    /** Also the stream's error: PrintStream swallows write errors (a full disk, /dev/full, a closed pipe). */
    @Override
    public boolean checkError() {
        boolean mine = super.checkError();
        return stream.checkError() || mine;
    }

    Charset charset() {
        return charset;
    }

    /** Writes text already encoded in {@link #charset()}, after whatever was printed before it. */
    void writeEncoded(List<ByteBuffer> parts) {
        flush();
        byte[] buffer = new byte[1 << 18];
        int used = 0;
        for (ByteBuffer p : parts) {
            for (int at = p.position(), end = p.limit(); at < end; ) {
                if (used == buffer.length) {
                    stream.write(buffer, 0, used);
                    used = 0;
                }
                int n = Math.min(end - at, buffer.length - used);
                p.get(at, buffer, used, n);
                used += n;
                at += n;
            }
        }
        stream.write(buffer, 0, used);
        stream.flush();
    }

    /**
     * The charset a PrintWriter over this stream encodes with: the stream's own from JDK 18 on
     * ({@code PrintStream.charset()}), the default charset before.
     */
    private static Charset charsetOf(PrintStream stream) {
        try {
            return (Charset) PrintStream.class.getMethod("charset").invoke(stream);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
