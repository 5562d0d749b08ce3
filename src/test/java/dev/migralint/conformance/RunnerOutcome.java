package dev.migralint.conformance;

/** What a runner did with a migration set: whether it succeeded, and what it printed (or the exception it threw). */
record RunnerOutcome(boolean ok, String log) {
    static RunnerOutcome failed(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return new RunnerOutcome(false, b.toString());
    }

    /** The line of the log that names the failure, for reports. */
    String failureLine() {
        for (String l : log.lines().toList()) {
            if (l.contains("cannot run inside a transaction block") || l.contains("transactional and non-transactional")
                    || l.contains("lock timeout")) {
                return l.strip();
            }
        }
        String s = log.strip().lines().findFirst().orElse("");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
