package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migralint's SHA-1 gives the JDK's digests, however the input is fed. */
class Sha1DigestTest {
    private static byte[] jdk(byte[] in) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(in);
    }

    @Test
    void knownVectors() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", HexFormat.of().formatHex(new Sha1Digest().digest()));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
                HexFormat.of().formatHex(new Sha1Digest().digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1", HexFormat.of().formatHex(new Sha1Digest().digest(
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(20, new Sha1Digest().getDigestLength());
    }

    @Test
    void everyLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n <= 300; n++) {
            byte[] in = new byte[n];
            random.nextBytes(in);
            assertArrayEquals(jdk(in), new Sha1Digest().digest(in), "length " + n);
        }
        byte[] big = new byte[1 << 20];
        random.nextBytes(big);
        assertArrayEquals(jdk(big), new Sha1Digest().digest(big));
    }

    @Test
    void feedingInPiecesBytesAndAfterResetOrCloneGivesTheSame() throws Exception {
        Random random = new Random(11);
        byte[] in = new byte[1000];
        random.nextBytes(in);
        byte[] expected = jdk(in);
        MessageDigest d = new Sha1Digest();
        d.update("noise".getBytes(StandardCharsets.US_ASCII));
        d.reset();
        int p = 0;
        boolean cloned = false;
        while (p < in.length) {
            int n = Math.min(in.length - p, random.nextInt(150));
            if (n == 1) {
                d.update(in[p]);
            } else {
                d.update(in, p, n);
            }
            p += n;
            if (p >= 500 && !cloned) {
                MessageDigest copy = (MessageDigest) d.clone();
                copy.update(in, p, in.length - p);
                assertArrayEquals(expected, copy.digest(), "a clone goes on from where it was taken");
                cloned = true;
            }
        }
        assertTrue(cloned);
        assertArrayEquals(expected, d.digest());
        assertArrayEquals(jdk(new byte[0]), d.digest(), "digest() resets");
    }
}
