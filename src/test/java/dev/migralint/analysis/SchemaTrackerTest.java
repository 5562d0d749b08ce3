package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaTrackerTest {

    private static SchemaTracker track(String sql) {
        SchemaTracker t = new SchemaTracker();
        new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL).statements()
                .forEach(s -> s.operations().stream().map(ParsedOperation::operation).forEach(t::apply));
        return t;
    }

    @Test
    void indexesAndKeysCoverForeignKeyColumns() {
        SchemaTracker t = track("CREATE TABLE m (team_id bigint, user_id bigint, role text, PRIMARY KEY (team_id, user_id));\n"
                + "CREATE INDEX m_role_user ON m (role, user_id DESC);\n"
                + "CREATE INDEX m_partial ON m (user_id) WHERE role = 'x';");
        assertEquals(Boolean.TRUE, t.indexedOn("m", List.of("team_id")), "leading column of the primary key");
        assertEquals(Boolean.TRUE, t.indexedOn("m", List.of("user_id", "team_id")), "any order of the leading columns");
        assertEquals(Boolean.FALSE, t.indexedOn("m", List.of("user_id")), "a partial index does not count");
        assertEquals(Boolean.TRUE, t.indexedOn("m", List.of("role")));
        assertNull(t.indexedOn("unknown_table", List.of("a")), "a table no linted migration created");
    }

    @Test
    void dropIndexDropColumnAndRenames() {
        SchemaTracker t = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);");
        assertEquals(Boolean.TRUE, t.indexedOn("c", List.of("post_id")));
        SchemaTracker renamed = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);\nALTER TABLE c RENAME COLUMN post_id TO article_id;\n"
                + "ALTER TABLE c RENAME TO comments;");
        assertEquals(Boolean.TRUE, renamed.indexedOn("comments", List.of("article_id")));
        SchemaTracker dropped = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);\nDROP INDEX c_post;");
        assertEquals(Boolean.FALSE, dropped.indexedOn("c", List.of("post_id")));
        SchemaTracker renamedThenDropped = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);\nALTER TABLE c RENAME TO comments;\nDROP INDEX c_post;");
        assertEquals(Boolean.FALSE, renamedThenDropped.indexedOn("comments", List.of("post_id")),
                "DROP INDEX finds the index on the renamed table");
        SchemaTracker restored = new SchemaTracker();
        restored.restore(track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);").snapshot());
        new SqlFrontEnd().parse(SourceFile.ofText("m.sql", "DROP INDEX c_post;"), Dialect.POSTGRESQL).statements()
                .forEach(st -> st.operations().forEach(o -> restored.apply(o.operation())));
        assertEquals(Boolean.FALSE, restored.indexedOn("c", List.of("post_id")), "index owners survive a snapshot");
        SchemaTracker droppedColumn = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint, x int);\n"
                + "CREATE INDEX c_post_x ON c (post_id, x);\nALTER TABLE c DROP COLUMN x;");
        assertEquals(Boolean.FALSE, droppedColumn.indexedOn("c", List.of("post_id")), "the index went with the column");
    }

    @Test
    void anIndexChangesOnlyItsTablesPartOfTheSnapshot() {
        // The result cache stores, per file, the tables whose part of the snapshot changed: an index created on one
        // table must not change anything else (a shared name -> table map once did, and each file of a long history
        // then stored every index name of the history).
        SchemaTracker t = track("CREATE TABLE a (id bigint);\nCREATE TABLE b (id bigint);\nCREATE INDEX a_id ON a (id);");
        var before = t.snapshot();
        new SqlFrontEnd().parse(SourceFile.ofText("m.sql", "CREATE INDEX b_id ON b (id);"), Dialect.POSTGRESQL)
                .statements().forEach(st -> st.operations().forEach(o -> t.apply(o.operation())));
        var after = t.snapshot();
        java.util.Set<String> changed = new java.util.TreeSet<>(after.keySet());
        changed.addAll(before.keySet());
        changed.removeIf(k -> java.util.Objects.equals(before.get(k), after.get(k)));
        assertEquals(java.util.Set.of("b"), changed);
        SchemaTracker restored = new SchemaTracker();
        restored.restore(after);
        new SqlFrontEnd().parse(SourceFile.ofText("m.sql", "DROP INDEX a_id;"), Dialect.POSTGRESQL).statements()
                .forEach(st -> st.operations().forEach(o -> restored.apply(o.operation())));
        assertEquals(Boolean.FALSE, restored.indexedOn("a", List.of("id")), "owners rebuilt from the tables");
        assertEquals(Boolean.TRUE, restored.indexedOn("b", List.of("id")));
    }

    @Test
    void constraintsAddedLaterAndInlineKeys() {
        SchemaTracker t = track("CREATE TABLE u (id bigint, email text UNIQUE);\n"
                + "ALTER TABLE u ADD CONSTRAINT u_pkey PRIMARY KEY (id);");
        assertEquals(Boolean.TRUE, t.indexedOn("u", List.of("id")));
        assertEquals(Boolean.TRUE, t.indexedOn("u", List.of("email")));
        SchemaTracker dropped = track("CREATE TABLE u (id bigint);\nALTER TABLE u ADD CONSTRAINT u_pkey PRIMARY KEY (id);\n"
                + "ALTER TABLE u DROP CONSTRAINT u_pkey;");
        assertEquals(Boolean.FALSE, dropped.indexedOn("u", List.of("id")));
    }

    @Test
    void typeRenamesFollowTheColumns() {
        SchemaTracker t = track("CREATE TYPE \"Status\" AS ENUM ('a', 'b');\n"
                + "CREATE TABLE p (s \"Status\", history \"Status\"[]);\n"
                + "ALTER TYPE \"Status\" RENAME TO \"Status_old\";");
        assertEquals("Status_old", t.typeOf("p", "s"));
        assertEquals("Status_old[]", t.typeOf("p", "history"));
    }

    @Test
    void snapshotsKeepIndexes() {
        SchemaTracker t = track("CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\nCREATE INDEX c_post ON c (post_id);");
        SchemaTracker copy = new SchemaTracker();
        copy.restore(t.snapshot());
        assertTrue(copy.created("c"));
        assertEquals(Boolean.TRUE, copy.indexedOn("c", List.of("post_id")));
        assertEquals("bigint", copy.typeOf("c", "post_id"));
        assertFalse(copy.snapshot().get("c").keySet().stream().anyMatch(k -> k.equals("post_id") && k.startsWith("\u0000")));
    }

    @Test
    void indexElements() {
        assertEquals("a", SchemaTracker.plainColumn("\"A\""));
        assertEquals("a", SchemaTracker.plainColumn("a desc nulls last"));
        assertEquals("a", SchemaTracker.plainColumn("a text_pattern_ops"));
        assertNull(SchemaTracker.plainColumn("lower(a)"));
        assertEquals("a,,b", SchemaTracker.encode(List.of("a", "lower(x)", "b")));
        assertFalse(SchemaTracker.covers(",a", List.of("a")), "an expression first does not serve lookups on a");
    }

    /** The one-column path of covers gives what comparing the leading elements as sets gives, on random indexes. */
    @Test
    void oneColumnCoversAgreesWithTheSetComparison() {
        String[] elements = {"a", "b", "ab", "", "A", "\"a\"", "a desc", "lower(a)"};
        java.util.Random random = new java.util.Random(17);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder indexed = new StringBuilder();
            int width = 1 + random.nextInt(3);
            for (int i = 0; i < width; i++) {
                String element = SchemaTracker.plainColumn(elements[random.nextInt(elements.length)]);
                indexed.append(i > 0 ? "," : "").append(element == null ? "" : element); // as encode writes it
            }
            String column = elements[random.nextInt(elements.length)];
            String encoded = indexed.toString();
            String plain = SchemaTracker.plainColumn(column);
            boolean expected = !encoded.isEmpty() && plain != null && encoded.split(",", -1)[0].equals(plain);
            assertEquals(expected, SchemaTracker.covers(encoded, List.of(column)), encoded + " / " + column);
        }
    }

    /** The quick path for bare names gives what the pattern gives, on random index elements. */
    @Test
    void plainColumnAgreesWithItsPattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(
                "\"?([^\"\\s(),]+)\"?(\\s+(asc|desc|nulls first|nulls last|collate \\S+|[a-z0-9_]+_ops))*",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        String[] pieces = {"a", "B", "_", "1", "\"", " ", "\t", "(", ")", ",", "asc", " DESC", " nulls first", "x_ops",
                "\u00c9", "\u00a0", "\n", "lower(", "."};
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(5); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String element = b.toString();
            java.util.regex.Matcher m = pattern.matcher(element.trim());
            String expected = m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
            assertEquals(expected, SchemaTracker.plainColumn(element), "[" + element + "]");
        }
        assertNull(SchemaTracker.plainColumn(null));
    }

    @Test
    void referencedByOtherTableThroughRenamesDropsAndSnapshots() {
        String parent = "CREATE TABLE p (id bigint PRIMARY KEY);\n";
        String child = "CREATE TABLE c (id bigint PRIMARY KEY, p_id bigint REFERENCES p (id));\n";
        assertEquals(Boolean.TRUE, track(parent + child).referencedByOtherTable("p"));
        assertEquals(Boolean.FALSE, track(parent + child).referencedByOtherTable("c"), "nothing points at c");
        assertNull(track(child).referencedByOtherTable("unknown"), "a table no linted migration created");
        assertEquals(Boolean.FALSE, track(parent + "CREATE TABLE c (id bigint PRIMARY KEY, parent bigint REFERENCES c (id));")
                .referencedByOtherTable("c"), "a self-reference goes with the table");
        assertEquals(Boolean.TRUE, track(parent + child + "ALTER TABLE p RENAME TO parents;").referencedByOtherTable("parents"),
                "the foreign key follows the renamed table");
        assertEquals(Boolean.FALSE, track(parent + child + "ALTER TABLE p RENAME TO parents;\nCREATE TABLE p (id int);")
                .referencedByOtherTable("p"), "a new table of the old name is not referenced");
        assertEquals(Boolean.FALSE, track(parent + child + "DROP TABLE c;").referencedByOtherTable("p"),
                "the referencing table is gone");
        assertEquals(Boolean.FALSE, track(parent + child + "ALTER TABLE c DROP COLUMN p_id;").referencedByOtherTable("p"),
                "the referencing column is gone");
        assertEquals(Boolean.TRUE, track(parent + "CREATE TABLE c (id bigint PRIMARY KEY, p_id bigint);\n"
                + "ALTER TABLE c ADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id);").referencedByOtherTable("p"));
        SchemaTracker restored = new SchemaTracker();
        restored.restore(track(parent + child).snapshot());
        assertEquals(Boolean.TRUE, restored.referencedByOtherTable("p"), "what points at a table survives a snapshot");
        assertEquals(Boolean.FALSE, restored.referencedByOtherTable("c"));
        SchemaTracker quoted = new SchemaTracker();
        quoted.restore(track("CREATE TABLE \"a#b\" (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE c (id bigint PRIMARY KEY, x bigint REFERENCES \"a#b\" (id));").snapshot());
        assertEquals(Boolean.TRUE, quoted.referencedByOtherTable("a#b"), "a name holding '#' after a snapshot");
    }
}
