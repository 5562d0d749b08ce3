package dev.migralint.engine;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * In-process phase timings for tuning a run ({@code MIGRALINT_PHASES=1} or {@code -Dmigralint.phases=true}): wall
 * time since the previous mark and the bytes the marking thread allocated, printed to stderr when the run ends. Off,
 * a mark is one static boolean test.
 */
public final class Phases {
    private static final boolean ON = "1".equals(System.getenv("MIGRALINT_PHASES"))
            || Boolean.getBoolean("migralint.phases");
    /** Marks as recorded, formatted only when printed: formatting the first mark loads the JDK's number formatting
     * and locale data, which would be counted in the phase it ends. */
    private record Mark(String phase, long nanos, long bytes) {}

    private static final List<Mark> MARKS = ON ? new ArrayList<>() : null;
    // In this order: the first allocated() starts the JDK's management beans, which is no phase of the run's.
    private static long lastAllocated = ON ? allocated() : 0;
    private static long last = ON ? System.nanoTime() : 0;

    private Phases() {
    }

    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long bytes = allocated();
        synchronized (MARKS) {
            MARKS.add(new Mark(phase, now - last, bytes - lastAllocated));
            last = now;
            lastAllocated = bytes;
        }
    }

    public static void print(PrintStream err) {
        if (!ON) {
            return;
        }
        mark("end");
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        synchronized (MARKS) {
            for (Mark m : MARKS) {
                err.println("phase " + String.format("%-24s %7.1f ms %8d KB", m.phase(), m.nanos() / 1e6, m.bytes() >> 10));
            }
        }
        err.println("phase jvm uptime " + uptime + " ms, gc " + gcSummary());
    }

    private static String gcSummary() {
        StringBuilder b = new StringBuilder();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            b.append(gc.getName()).append('=').append(gc.getCollectionCount()).append('/').append(gc.getCollectionTime()).append("ms ");
        }
        return b.toString();
    }

    private static long allocated() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return t instanceof com.sun.management.ThreadMXBean s ? s.getCurrentThreadAllocatedBytes() : 0;
    }
}
