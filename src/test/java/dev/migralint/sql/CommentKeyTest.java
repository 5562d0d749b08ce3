package dev.migralint.sql;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommentKeyTest {
    @Test
    void markersCompareWithoutWhiteSpaceAndCase() {
        assertEquals("--+goosestatementend", CommentKey.of("-- +goose StatementEnd"));
        assertEquals(CommentKey.of("-- migrate:up transaction:false"), CommentKey.of("--migrate:UP\ttransaction:false "));
    }

    /** The same as the regular expression the runner descriptors used before ("\\s+" removed, then lower case). */
    @Test
    void agreesWithTheRegularExpression() {
        Random random = new Random(11);
        String alphabet = " \t\n\u000B\f\r\u00A0\u2003-+aZİı:_";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertEquals(text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT), CommentKey.of(text), text);
        }
    }
}
