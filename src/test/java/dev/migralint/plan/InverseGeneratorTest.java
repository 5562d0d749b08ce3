package dev.migralint.plan;

import dev.migralint.sql.AstDemand;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inverse of each statement kind, generated from the parsed operations of a small history. */
class InverseGeneratorTest {
    private static final String HISTORY = """
            CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "name" VARCHAR(50) DEFAULT 'x',
                "age" INTEGER, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
            CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
            CREATE TYPE "Role" AS ENUM ('A', 'B');
            ALTER TABLE "User" ADD CONSTRAINT "User_age_check" CHECK ("age" > 0);
            """;

    private final InverseGenerator generator = new InverseGenerator();

    /** Feeds the history, then returns the inverses of the operations of {@code sql}. */
    private List<Inverse> inverses(String sql) {
        feed(HISTORY);
        return feed(sql);
    }

    private List<Inverse> feed(String sql) {
        ParsedFile f = new SqlFrontEnd(AstDemand.ALWAYS).parse(SourceFile.ofText("t.sql", sql), Dialect.POSTGRESQL);
        List<Inverse> out = new ArrayList<>();
        for (ParsedStatement st : f.statements()) {
            for (ParsedOperation po : st.operations()) {
                out.add(generator.next(po.operation(), InverseGenerator.definitionOf(po.operation(),
                        st.statement().body(sql), po.span().of(sql)), null));
            }
        }
        return out;
    }

    private Inverse only(String sql) {
        List<Inverse> all = inverses(sql);
        assertEquals(1, all.size(), () -> "one operation expected: " + all);
        return all.get(0);
    }

    private void exact(String sql, String... expected) {
        Inverse inv = only(sql);
        assertEquals(Inverse.Kind.EXACT, inv.kind(), () -> sql + ": " + inv);
        assertEquals(List.of(expected), inv.sql(), sql);
    }

    private void irreversible(String sql, String reasonPart) {
        Inverse inv = only(sql);
        assertEquals(Inverse.Kind.IRREVERSIBLE, inv.kind(), () -> sql + ": " + inv);
        assertTrue(inv.reason().contains(reasonPart), inv.reason());
    }

    @Test
    void createIndexIsDroppedConcurrently() {
        exact("CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");", "DROP INDEX CONCURRENTLY IF EXISTS \"User_name_idx\"");
        exact("CREATE INDEX CONCURRENTLY idx ON app.users (name);", "DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"idx\"");
    }

    @Test
    void unnamedIndexGetsPostgresDefaultName() {
        Inverse inv = only("CREATE INDEX ON users (email, name);");
        assertEquals(List.of("DROP INDEX CONCURRENTLY IF EXISTS \"users_email_name_idx\""), inv.sql());
        assertTrue(inv.reason().contains("unnamed"));
    }

    @Test
    void createTableAndTypeAreDropped() {
        List<Inverse> all = inverses("CREATE TABLE t (a int, b text);");
        assertEquals(List.of("DROP TABLE IF EXISTS \"t\""), all.get(0).sql());
        assertTrue(all.subList(1, all.size()).stream().allMatch(i -> i.kind() == Inverse.Kind.NOTHING));
        exact("CREATE TYPE mood AS ENUM ('a');", "DROP TYPE IF EXISTS \"mood\"");
        // Not installed by an earlier migration: the rollback removes it (the replay test found it left behind).
        exact("CREATE EXTENSION IF NOT EXISTS pg_trgm;", "DROP EXTENSION IF EXISTS \"pg_trgm\"");
    }

    @Test
    void columnChanges() {
        exact("ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;", "ALTER TABLE \"User\" DROP COLUMN IF EXISTS \"bio\"");
        exact("ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";",
                "ALTER TABLE \"User\" RENAME COLUMN \"fullName\" TO \"name\"");
        exact("ALTER TABLE \"User\" ALTER COLUMN \"age\" SET NOT NULL;",
                "ALTER TABLE \"User\" ALTER COLUMN \"age\" DROP NOT NULL");
        exact("ALTER TABLE \"User\" ALTER COLUMN \"email\" DROP NOT NULL;",
                "ALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL");
    }

    @Test
    void setNotNullOnAColumnAlreadyNotNullUndoesNothing() {
        assertEquals(Inverse.Kind.NOTHING, only("ALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;").kind());
    }

    @Test
    void defaultsComeBackFromHistory() {
        exact("ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DEFAULT 'y';",
                "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DEFAULT 'x'");
        exact("ALTER TABLE \"User\" ALTER COLUMN \"age\" SET DEFAULT 1;",
                "ALTER TABLE \"User\" ALTER COLUMN \"age\" DROP DEFAULT");
        irreversible("ALTER TABLE other ALTER COLUMN c SET DEFAULT 1;", "previous default");
    }

    @Test
    void typeChangeGoesBackToTheDeclaredType() {
        exact("ALTER TABLE \"User\" ALTER COLUMN \"age\" TYPE BIGINT;",
                "ALTER TABLE \"User\" ALTER COLUMN \"age\" TYPE integer USING \"age\"::integer");
        Inverse serial = only("ALTER TABLE \"User\" ALTER COLUMN \"id\" SET DATA TYPE BIGINT;");
        assertEquals(List.of("ALTER TABLE \"User\" ALTER COLUMN \"id\" TYPE integer USING \"id\"::integer"), serial.sql());
        irreversible("ALTER TABLE other ALTER COLUMN c TYPE text;", "not in the planned migrations");
    }

    @Test
    void constraints() {
        exact("ALTER TABLE \"User\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"age\") REFERENCES t(id) NOT VALID;",
                "ALTER TABLE \"User\" DROP CONSTRAINT IF EXISTS \"fk\"");
        exact("ALTER TABLE \"User\" DROP CONSTRAINT \"User_pkey\";",
                "ALTER TABLE \"User\" ADD CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")");
        exact("ALTER TABLE \"User\" DROP CONSTRAINT \"User_age_check\";",
                "ALTER TABLE \"User\" ADD CONSTRAINT \"User_age_check\" CHECK (\"age\" > 0)");
        irreversible("ALTER TABLE \"User\" DROP CONSTRAINT \"unknown_fk\";", "schema backup");
        exact("ALTER TABLE t RENAME CONSTRAINT a TO b;", "ALTER TABLE \"t\" RENAME CONSTRAINT \"b\" TO \"a\"");
        assertEquals(Inverse.Kind.NOTHING, only("ALTER TABLE t VALIDATE CONSTRAINT c;").kind());
    }

    @Test
    void unnamedConstraintsGetPostgresDefaultNames() {
        assertEquals(List.of("ALTER TABLE \"t\" DROP CONSTRAINT IF EXISTS \"t_a_b_key\""),
                only("ALTER TABLE t ADD UNIQUE (a, b);").sql());
    }

    @Test
    void droppedIndexIsRecreatedFromItsDefinition() {
        exact("DROP INDEX \"User_email_key\";", "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\")");
        irreversible("DROP INDEX never_created;", "schema backup");
    }

    @Test
    void renameTableAndType() {
        exact("ALTER TABLE app.users RENAME TO people;", "ALTER TABLE \"app\".\"people\" RENAME TO \"users\"");
        exact("ALTER TYPE \"Role\" RENAME TO \"Role_old\";", "ALTER TYPE \"Role_old\" RENAME TO \"Role\"");
    }

    @Test
    void whatCannotBeInvertedSaysWhy() {
        Inverse drop = only("ALTER TABLE \"User\" DROP COLUMN \"age\";");
        assertEquals(Inverse.Kind.IRREVERSIBLE, drop.kind());
        // The column comes back (empty); its values only from the backup.
        assertEquals(List.of("ALTER TABLE \"User\" ADD COLUMN IF NOT EXISTS \"age\" integer"), drop.sql());
        irreversible("ALTER TYPE \"Role\" ADD VALUE 'C';", "cannot remove a value");
        irreversible("DROP TABLE \"User\";", "with its rows");
        irreversible("TRUNCATE \"User\";", "every row");
        irreversible("DELETE FROM \"User\" WHERE id = 1;", "DELETE");
    }

    @Test
    void sessionStatementsUndoNothing() {
        assertEquals(Inverse.Kind.NOTHING, only("SET lock_timeout = '5s';").kind());
    }

    @Test
    void unparseableStatementIsUnplanned() {
        List<Inverse> all = inverses("FROBNICATE the database;");
        assertEquals(Inverse.Kind.UNPLANNED, all.get(0).kind());
    }
}
