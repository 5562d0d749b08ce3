package dev.migralint.fix;

import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.SourceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing fixed files: BOM, line endings and mode kept, atomic, never over something that changed. */
class FileFixerTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static FileFix fixFile(Path file, String... onlyRules) {
        LoadedSource loaded = new SourceLoader(1 << 20).load(file, file.getFileName().toString());
        assertTrue(loaded.ok(), loaded.detail());
        Fixer fixer = FixTesting.fixer(FixTesting.rules(), Map.of(), false, onlyRules);
        Relinter.Snapshot s = new Relinter(FixTesting.linter(FixTesting.rules()),
                dev.migralint.rules.TextLinter.settingsFor(Map.of()))
                .lint(file, loaded.displayPath(), loaded.source().text(), dev.migralint.sql.Dialect.POSTGRESQL, null);
        return fixer.fix(new dev.migralint.rules.FileResult(new LoadedSource(loaded.displayPath(), s.analyzed().parsed()
                .source(), null, null, 0, loaded.hadBom()), s.analyzed(), s.findings()));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void crlfAndBomArePreserved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("001_split.sql");
        String text = "-- AddForeignKey\r\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES"
                + " \"U\"(\"id\");\r\nALTER TABLE \"Post\" ADD COLUMN \"b\" TEXT;\r\n";
        Files.write(file, concat(BOM, text.getBytes(StandardCharsets.UTF_8)));
        FileFix fix = fixFile(file, "constraint-missing-not-valid", "require-lock-timeout");
        assertTrue(fix.hadBom());
        FileFixer.WriteResult w = FileFixer.write(fix);
        assertTrue(w.written(), w.problem());
        String expected = "-- AddForeignKey\r\nSET lock_timeout = '5s';\r\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fk\""
                + " FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\") NOT VALID;\r\nALTER TABLE \"Post\" VALIDATE CONSTRAINT"
                + " \"Post_fk\";\r\nALTER TABLE \"Post\" ADD COLUMN \"b\" TEXT;\r\n";
        assertArrayEquals(concat(BOM, expected.getBytes(StandardCharsets.UTF_8)), Files.readAllBytes(file));
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertFalse(bytes.replace("\r\n", "").contains("\n"), "no bare LF was introduced");
    }

    @Test
    void fileModeIsPreservedAndNoTempFileIsLeft(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        for (String mode : List.of("rw-r-----", "rwxr-xr-x", "rw-------")) {
            Path file = dir.resolve("002_" + mode.replace('-', '_') + ".sql");
            Files.writeString(file, "CREATE INDEX idx ON t (a);\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            FileFixer.WriteResult w = FileFixer.write(fixFile(file, "require-concurrent-index"));
            assertTrue(w.written(), w.problem());
            assertEquals("CREATE INDEX CONCURRENTLY idx ON t (a);\n", Files.readString(file));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        for (String name : names(dir)) {
            assertFalse(name.endsWith(FileFixer.TEMP_SUFFIX) || name.startsWith("."), "left behind: " + name);
        }
    }

    @Test
    void symbolicLinkStaysALinkAndItsTargetIsFixed(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("real.sql");
        Files.writeString(target, "DROP INDEX idx;\n");
        Path link = dir.resolve("003_link.sql");
        try {
            Files.createSymbolicLink(link, target.getFileName());
        } catch (UnsupportedOperationException | java.io.IOException e) {
            Assumptions.abort("no symbolic links here");
        }
        FileFixer.WriteResult w = FileFixer.write(fixFile(link, "require-concurrent-index-drop"));
        assertTrue(w.written(), w.problem());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("DROP INDEX CONCURRENTLY idx;\n", Files.readString(target));
    }

    @Test
    void aFileChangedSinceItWasLintedIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("004_changed.sql");
        Files.writeString(file, "CREATE INDEX idx ON t (a);\n");
        FileFix fix = fixFile(file, "require-concurrent-index");
        Files.writeString(file, "CREATE INDEX idx ON t (a, b);\n");
        FileFixer.WriteResult w = FileFixer.write(fix);
        assertFalse(w.written());
        assertTrue(w.problem().contains("not the content that was linted"), w.problem());
        assertEquals("CREATE INDEX idx ON t (a, b);\n", Files.readString(file));
        assertEquals(List.of("004_changed.sql"), names(dir));
    }

    @Test
    void readOnlyFileIsNotWritten(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("005_ro.sql");
        Files.writeString(file, "CREATE INDEX idx ON t (a);\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        FileFixer.WriteResult w = FileFixer.write(fixFile(file, "require-concurrent-index"));
        assertFalse(w.written());
        assertEquals("CREATE INDEX idx ON t (a);\n", Files.readString(file));
    }

    @Test
    void writeGoesThroughATempFileAndARename(@TempDir Path dir) throws Exception {
        // The inode changes: the new content arrived by rename, never by rewriting the old file in place.
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
        Path file = dir.resolve("006_atomic.sql");
        Files.writeString(file, "CREATE INDEX idx ON t (a);\n");
        Object before = Files.getAttribute(file, "unix:ino");
        assertTrue(FileFixer.write(fixFile(file, "require-concurrent-index")).written());
        Object after = Files.getAttribute(file, "unix:ino");
        assertFalse(before.equals(after), "the file was rewritten in place");
        assertEquals(List.of("006_atomic.sql"), names(dir));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
