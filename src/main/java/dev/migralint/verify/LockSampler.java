package dev.migralint.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads another backend's relation locks from {@code pg_locks} over and over, from a session of its own, while a
 * statement that runs outside a transaction (CREATE INDEX CONCURRENTLY) holds them: such a statement commits and
 * releases them before it returns, so its own session cannot read them afterwards. Locks held for less than a poll
 * may be missed; a statement whose locks were all missed is not compared with the model.
 */
final class LockSampler implements Runnable {
    private final Endpoint endpoint;
    private final int pid;
    private final Set<List<Object>> seen = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;

    private LockSampler(Endpoint endpoint, int pid) {
        this.endpoint = endpoint;
        this.pid = pid;
        this.thread = new Thread(this, "migralint-verify-lock-sampler");
        this.thread.setDaemon(true);
    }

    static LockSampler start(Endpoint endpoint, int pid) {
        LockSampler s = new LockSampler(endpoint, pid);
        s.thread.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!s.ready && s.thread.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return s;
    }

    @Override
    public void run() {
        try (Connection c = endpoint.connect(10);
             PreparedStatement q = c.prepareStatement("SELECT relation::bigint, mode FROM pg_locks WHERE pid = ?"
                     + " AND locktype = 'relation' AND granted")) {
            q.setInt(1, pid);
            ready = true;
            while (running) {
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        List<Object> l = List.of(rs.getLong(1), rs.getString(2));
                        synchronized (seen) {
                            seen.add(l);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            // no samples then: the statement is reported as not observed
        } finally {
            ready = true;
        }
    }

    /** Stops sampling; the (relation oid, pg_locks mode) pairs seen. */
    Set<List<Object>> stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (seen) {
            return new LinkedHashSet<>(seen);
        }
    }
}
