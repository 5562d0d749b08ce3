package dev.migralint.workspace;

import dev.migralint.sql.SourceFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads migration files defensively: size is checked before reading, binary content and invalid UTF-8 are reported
 * with the line they start on, and nothing is ever guessed or half-decoded.
 */
public final class SourceLoader {
    private final long maxBytes;

    public SourceLoader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public LoadedSource load(Path path, String displayPath) {
        byte[] bytes;
        // One open file for the size check and the read (a lint of thousands of files pays every system call).
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            long size = channel.size();
            if (size > maxBytes) {
                return problem(displayPath, "too-large", "file is " + human(size) + ", over the " + human(maxBytes)
                        + " limit (max-file-size in .migralint.yml); it was not analysed", 0);
            }
            bytes = readFully(channel, (int) size);
        } catch (IOException | SecurityException e) {
            return problem(displayPath, "unreadable", "cannot read the file: " + e.getMessage(), 0);
        } catch (OutOfMemoryError e) {
            return problem(displayPath, "too-large", "file does not fit in memory", 0);
        }
        return decode(path, displayPath, bytes);
    }

    /** The channel's bytes to the end: {@code expected} of them, or more if the file grew since its size was read. */
    private static byte[] readFully(SeekableByteChannel channel, int expected) throws IOException {
        byte[] bytes = new byte[expected];
        int n = 0;
        while (n < bytes.length) {
            int r = channel.read(ByteBuffer.wrap(bytes, n, bytes.length - n));
            if (r < 0) {
                return Arrays.copyOf(bytes, n);
            }
            n += r;
        }
        ByteBuffer next = ByteBuffer.allocate(1);
        int r;
        do {
            r = channel.read(next);
        } while (r == 0);
        if (r < 0) {
            return bytes;
        }
        byte[] rest = Channels.newInputStream(channel).readAllBytes();
        byte[] all = Arrays.copyOf(bytes, n + 1 + rest.length);
        all[n] = next.get(0);
        System.arraycopy(rest, 0, all, n + 1, rest.length);
        return all;
    }

    public LoadedSource decode(Path path, String displayPath, byte[] bytes) {
        if (bytes.length > maxBytes) {
            return problem(displayPath, "too-large", "file is " + human(bytes.length) + ", over the " + human(maxBytes)
                    + " limit; it was not analysed", 0);
        }
        int nul = indexOfNul(bytes, Math.min(bytes.length, 8192));
        if (nul >= 0) {
            return problem(displayPath, "binary", "file looks binary (NUL byte at offset " + nul
                    + "); a migration must be text", lineOf(bytes, nul));
        }
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
        int offset = bom ? 3 : 0;
        if (isAscii(bytes, offset)) {
            // ASCII decodes to itself: skip the decoder's char buffer (most migrations are ASCII).
            String text = new String(bytes, offset, bytes.length - offset, StandardCharsets.US_ASCII);
            if (text.indexOf('\0') >= 0) {
                int at = text.indexOf('\0');
                return problem(displayPath, "binary", "file contains a NUL character; a migration must be text",
                        lineOfText(text, at));
            }
            return new LoadedSource(displayPath, SourceFile.of(path, displayPath, text), null, null, 0, bom);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        String text;
        try {
            CharBuffer chars = decoder.decode(in);
            text = chars.toString();
        } catch (MalformedInputException e) {
            int bad = in.position();
            return problem(displayPath, "encoding", "file is not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", bytes[Math.min(bad, bytes.length - 1)] & 0xff) + " at offset " + bad
                    + "); re-save it as UTF-8", lineOf(bytes, bad));
        } catch (CharacterCodingException e) {
            return problem(displayPath, "encoding", "file is not valid UTF-8; re-save it as UTF-8", 0);
        }
        if (text.indexOf('\0') >= 0) {
            int at = text.indexOf('\0');
            return problem(displayPath, "binary", "file contains a NUL character; a migration must be text",
                    lineOfText(text, at));
        }
        return new LoadedSource(displayPath, SourceFile.of(path, displayPath, text), null, null, 0, bom);
    }

    private static boolean isAscii(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static LoadedSource problem(String displayPath, String problem, String detail, int line) {
        return new LoadedSource(displayPath, null, problem, detail, line, false);
    }

    private static int indexOfNul(byte[] bytes, int limit) {
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOfText(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
