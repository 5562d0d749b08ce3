package dev.migralint.workspace;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SHA-1 (FIPS 180-4) as a {@link MessageDigest} made without the JDK's security providers, for JGit's
 * {@code Constants.newMessageDigest()} (see {@link JGitSubstitutes}). Looking up a provider's digest sets up the whole
 * provider framework on first use: the security properties, every service of the SUN provider, the table of known
 * object identifiers. JGit asks for a SHA-1 digest while its first class initialises, so a pre-commit run paid that
 * on the git thread's path before anything else; for checksums of the index, config and packed-refs files.
 */
public final class Sha1Digest extends MessageDigest implements Cloneable {
    private static final int BLOCK = 64;

    private int[] state = new int[5];
    private byte[] block = new byte[BLOCK];
    private int filled;
    private long length;
    private int[] w = new int[80];

    public Sha1Digest() {
        super("SHA-1");
        engineReset();
    }

    @Override
    protected int engineGetDigestLength() {
        return 20;
    }

    @Override
    protected void engineReset() {
        state[0] = 0x67452301;
        state[1] = 0xefcdab89;
        state[2] = 0x98badcfe;
        state[3] = 0x10325476;
        state[4] = 0xc3d2e1f0;
        filled = 0;
        length = 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        block[filled++] = input;
        length++;
        if (filled == BLOCK) {
            compress(block, 0);
            filled = 0;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        length += len;
        if (filled > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(input, offset, block, filled, n);
            filled += n;
            offset += n;
            len -= n;
            if (filled < BLOCK) {
                return;
            }
            compress(block, 0);
            filled = 0;
        }
        while (len >= BLOCK) {
            compress(input, offset);
            offset += BLOCK;
            len -= BLOCK;
        }
        System.arraycopy(input, offset, block, 0, len);
        filled = len;
    }

    @Override
    protected byte[] engineDigest() {
        long bits = length << 3;
        block[filled++] = (byte) 0x80;
        if (filled > BLOCK - 8) {
            Arrays.fill(block, filled, BLOCK, (byte) 0);
            compress(block, 0);
            filled = 0;
        }
        Arrays.fill(block, filled, BLOCK - 8, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[BLOCK - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress(block, 0);
        byte[] out = new byte[20];
        for (int i = 0; i < 5; i++) {
            out[4 * i] = (byte) (state[i] >>> 24);
            out[4 * i + 1] = (byte) (state[i] >>> 16);
            out[4 * i + 2] = (byte) (state[i] >>> 8);
            out[4 * i + 3] = (byte) state[i];
        }
        engineReset();
        return out;
    }

    private void compress(byte[] in, int p) {
        for (int t = 0; t < 16; t++, p += 4) {
            w[t] = (in[p] << 24) | ((in[p + 1] & 0xff) << 16) | ((in[p + 2] & 0xff) << 8) | (in[p + 3] & 0xff);
        }
        for (int t = 16; t < 80; t++) {
            w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        for (int t = 0; t < 80; t++) {
            int f;
            int k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5a827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdc;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Sha1Digest copy = (Sha1Digest) super.clone();
        copy.state = state.clone();
        copy.block = block.clone();
        copy.w = new int[80];
        return copy;
    }
}
