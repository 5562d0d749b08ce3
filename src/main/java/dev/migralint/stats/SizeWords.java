package dev.migralint.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Row counts and sizes as a reviewer reads them: "~2.1 billion rows", "410 GB". */
public final class SizeWords {
    private static final String[] SCALE = {"thousand", "million", "billion", "trillion"};
    private static final String[] UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB"};

    private SizeWords() {
    }

    /** An estimate of rows, to two significant digits: "~840 rows", "~45 thousand rows", "~2.1 billion rows". */
    public static String rows(long n) {
        if (n < 1000) {
            return "~" + n + (n == 1 ? " row" : " rows");
        }
        double v = n;
        int i = -1;
        while (v >= 1000 && i < SCALE.length - 1) {
            v /= 1000;
            i++;
        }
        return "~" + twoDigits(v) + " " + SCALE[i] + " rows";
    }

    /** A size in the units pg_size_pretty uses (powers of 1024): "8192 bytes", "1.5 MB", "410 GB". */
    public static String bytes(long n) {
        if (n < 10 * 1024) {
            return n + " bytes";
        }
        double v = n;
        int i = 0;
        while (v >= 1024 && i < UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        return twoDigits(v) + " " + UNITS[i];
    }

    /** Two significant digits, and no more than the integer part when that is larger: 2.1, 45, 410. */
    static String twoDigits(double v) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_UP));
        if (d.compareTo(BigDecimal.valueOf(100)) >= 0) {
            d = new BigDecimal(v).setScale(0, RoundingMode.HALF_UP);
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
