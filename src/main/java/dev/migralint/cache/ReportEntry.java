package dev.migralint.cache;

import dev.migralint.report.RunTotals;
import dev.migralint.rules.Finding;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a plain check's report showed for one file: the bytes it printed (in {@code printed}'s charset, part of the
 * report form), the file's totals, and its findings encoded (read only when a report needs more than the totals).
 */
public record ReportEntry(RunTotals totals, ByteBuffer printed, Supplier<byte[]> encodedFindings) {
    /** The findings, or null when they cannot be read or decoded. */
    public List<Finding> findings() {
        return CacheCodec.decodedOrNull(encodedFindings.get(), CacheCodec::decodeFindings);
    }
}
