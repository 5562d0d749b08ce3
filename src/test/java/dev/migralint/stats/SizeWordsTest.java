package dev.migralint.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizeWordsTest {
    @Test
    void rows() {
        assertEquals("~1 row", SizeWords.rows(1));
        assertEquals("~840 rows", SizeWords.rows(840));
        assertEquals("~45 thousand rows", SizeWords.rows(45_321));
        assertEquals("~410 million rows", SizeWords.rows(409_600_000));
        assertEquals("~2.1 billion rows", SizeWords.rows(2_100_000_000L));
    }

    @Test
    void bytes() {
        assertEquals("8192 bytes", SizeWords.bytes(8192));
        assertEquals("16 kB", SizeWords.bytes(16_384));
        assertEquals("1.5 MB", SizeWords.bytes(1_572_864));
        assertEquals("410 GB", SizeWords.bytes(410L << 30));
        assertEquals("2 TB", SizeWords.bytes(2L << 40));
    }
}
