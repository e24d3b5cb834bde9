package dev.fetchcors.autoconfigure.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server, started from the system's binaries ({@code /usr/lib/postgresql/<version>/bin}) in a
 * temporary directory on a free port of loopback, and stopped and started again at will: how a test makes the
 * database go away. PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} user
 * ({@code runuser}). Without the binaries the tests that need it are skipped, unless
 * {@code FETCHCORS_REQUIRE_POSTGRES=true} (CI sets it), which makes them fail.
 */
public final class Postgres implements AutoCloseable {

    private final Path bin;

    private final Path data;

    private final int port;

    private final boolean asRoot;

    private Postgres(Path bin, Path data, int port, boolean asRoot) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates a database cluster and starts it; skips the test when PostgreSQL is not installed. */
    public static Postgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            String message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)";
            if (Boolean.parseBoolean(System.getenv("FETCHCORS_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(message + ", and FETCHCORS_REQUIRE_POSTGRES=true");
            }
            Assumptions.abort(message);
        }
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("fetchcors-postgres");
        if (asRoot) {
            run(List.of("chown", "postgres", data.toString()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Postgres postgres = new Postgres(bin, data, port, asRoot);
        postgres.pg("initdb", "-D", data.resolve("cluster").toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8");
        postgres.startServer();
        return postgres;
    }

    /** The JDBC URL of the {@code postgres} database, user {@code postgres}, no password. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
    }

    /** Starts the server (again). */
    public void startServer() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", this.data.resolve("cluster").toString(), "-l", this.data.resolve("log").toString(),
                "-o", "-p " + this.port + " -k " + this.data + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w",
                "start");
    }

    /** Stops the server at once, as a crash or a network cut would take it away. */
    public void stopServer() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", this.data.resolve("cluster").toString(), "-m", "immediate", "-w", "stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        }
        catch (IOException ex) {
            // Already stopped.
        }
        try (Stream<Path> files = Files.walk(this.data)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    private void pg(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (this.asRoot) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(this.bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map((version) -> version.resolve("bin"))
                .filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.naturalOrder())
                .orElse(null);
        }
    }

}
