package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Glob#matches} answers some globs without their regex (by the literal tail, or a literal part missing): it
 * must say what the regex says.
 */
class GlobTest {
    private static final List<String> GLOBS = List.of(
            "**/*.sql", "**/*.up.sql", "**/*.down.sql", "**/migrations/*/up.sql", "**/migrations/*/migration.sql",
            "**/V[0-9]*__*.sql", "**/R__*.sql", "**/[0-9]*_*.up.sql", "**/db/migration/**/*.sql", "**/*",
            "./**/*.sql", "./db/schema.sql", "db/schema.sql", "migrations/*.sql", "**/{up,down}.sql",
            "**/supabase/migrations/*.sql", "**/*.sql,x", "*.sql", "**/*/up.sql", "**/*x", "**",
            "**/deploy/**/*.sql", "**/migrations/committed/*.sql", "**/[0-9]*_*.down.sql", "db/**/x/*.sql",
            "a[bc]d/*.sql", "**/a]b/*.sql", "**/U[0-9]*__*.sql", "**/migrations/current.sql", "**/x?y/*.sql",
            "**/ab/**/ab.sql", "**/[a&&b]x/*.sql");
    private static final List<String> PATHS = List.of(
            "up.sql", "a/up.sql", "migrations/2024_x/up.sql", "db/migration/V1__init.sql", "db/migration/a/b/V2__x.sql",
            "R__view.sql", "x/R__view.sql", "0001_init.up.sql", "x/0001_init.down.sql", "db/schema.sql", "schema.sql",
            "a.sql/b", "a/b.SQL", "supabase/migrations/1_x.sql", "x.sql,x", "", ".sql", "a/.sql", "db/x.sql",
            "dir\nname/a.sql", "a/b\u2028c.up.sql", "a\r.sql", "a/b/c/d/e/f/g.sql", "migrations/a.sql", "ax", "a/x",
            "x/deploy/a/b.sql", "deploy.sql", "deploy/x.sql", "migrations/committed/1.sql", "committed/migrations/1.sql",
            "db/x/y.sql", "db/a/x/y.sql", "dbx/y.sql", "abd/q.sql", "acd/q.sql", "a]b/c.sql", "U1__x.sql",
            "x/U12__y.sql", "__U1.sql", "migrations/current.sql", "xmigrations/current.sql", "a/xzy/b.sql",
            "ab.sql", "ab/ab.sql", "ab/c/ab.sql", "x/ab/ab.sql", "bx/q.sql", "1_a.down.sql", "a/1_.down.sql");

    @Test
    void answersAsItsRegexDoes() {
        for (String g : GLOBS) {
            Pattern regex = Pattern.compile(Glob.toRegex(g));
            Glob glob = new Glob(g);
            for (String p : PATHS) {
                assertEquals(regex.matcher(p).matches(), glob.matches(p), () -> g + " on " + p.replace("\n", "\\n"));
            }
        }
    }

    @Test
    void literalTailAndLineBreaks() {
        assertTrue(new Glob("**/*.sql").matches("a/b/c.sql"));
        assertFalse(new Glob("**/*.sql").matches("a/b/c.sql.txt"));
        // The regex's '.' stops at a line break, so a path with one is not matched by "**/" either.
        assertFalse(new Glob("**/*.sql").matches("a\nb/c.sql"));
        assertTrue(new Glob("**/migrations/*/up.sql").matches("x/migrations/1_a/up.sql"));
        assertFalse(new Glob("**/migrations/*/up.sql").matches("x/migrations/up.sql"));
    }
}
