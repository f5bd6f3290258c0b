package parley.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import parley.server.store.postgres.PostgresOptions;

/**
 * A real, throwaway PostgreSQL server for tests: the Debian package's binaries, a fresh cluster
 * ({@code initdb}) in a temp folder, {@code postgres} listening on a free port of 127.0.0.1 (its
 * unix socket in that folder too), durability settings left at PostgreSQL's defaults. Tests log in
 * as {@link #user()} with {@link #password()} over TCP (password authentication is on) and get a
 * fresh database each with {@link #newDatabase()}.
 *
 * <p>{@link #shared()} is the one server of the JVM, started on first use. A fault test that stops,
 * crashes or freezes the server ({@link #stop()}, {@link #crash()}, {@link #freeze()}) takes its
 * own with {@link #create()} and closes it, so that it pulls the plug on nobody else. A server
 * still running when the JVM exits is closed (stopped, its folder deleted) by a shutdown hook.
 *
 * <p>When the JVM runs as root, every PostgreSQL program runs as the {@code postgres} user (they
 * refuse to run as root), through {@code runuser}, and the folder is handed to that user. A folder
 * left behind by a JVM that was killed (its server still running) is stopped and deleted on the
 * next start. Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String FOLDER_PREFIX = "parley-postgres-";
    private static final String OWNER_FILE = "owner.pid";
    private static final String USER = "parley";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 5;

    /** The JVM's shared server, or why it could not start; guarded by the class. */
    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final PostgresBinaries binaries;
    private final Path folder;
    private final Path data;
    private final String password;
    private final String superPassword;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread closeAtExit = Thread.ofPlatform().name("postgres-server-close").unstarted(this::close);
    private int port;
    private boolean running;

    private PostgresServer(PostgresBinaries binaries, Path folder, String password, String superPassword) {
        this.binaries = binaries;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.password = password;
        this.superPassword = superPassword;
    }

    /**
     * The JVM's shared server, started on first use (about a second and a half: initdb is most of
     * it) and closed when the JVM exits.
     *
     * @throws IllegalStateException when it cannot start (for instance the PostgreSQL binaries
     *     are not installed: the message says which package to install)
     */
    public static synchronized PostgresServer shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        try {
            shared = create();
            return shared;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** A server of the caller's own, to close when done (at the latest, it is closed at JVM exit). */
    public static PostgresServer create() {
        PostgresBinaries binaries = PostgresBinaries.find();
        reapAbandonedFolders(binaries);
        Path folder;
        try {
            folder = Files.createTempDirectory(FOLDER_PREFIX);
            Files.writeString(folder.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for PostgreSQL", e);
        }
        PostgresServer server = new PostgresServer(binaries, folder, secret(), secret());
        Runtime.getRuntime().addShutdownHook(server.closeAtExit);
        try {
            server.initialize();
            server.startOnFreePort();
            server.admin("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + server.password + "'");
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Creates a fresh, empty database owned by {@link #user()}; its name. */
    public String newDatabase() {
        String name = "parley_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + USER);
        return name;
    }

    /**
     * Drops a database made by {@link #newDatabase()}, cutting any connection still open to it;
     * the server keeps no files of it (a test database takes about 8 MB).
     */
    public void dropDatabase(String database) {
        if (!database.matches("parley_\\d+")) {
            throw new IllegalArgumentException("not a database of newDatabase(): " + database);
        }
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Options to open a store on {@code database} with the defaults. */
    public PostgresOptions options(String database) {
        return new PostgresOptions(jdbcUrl(database), user(), password());
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public synchronized int port() {
        return port;
    }

    /** Where the server keeps its files ({@code data/}) and its log ({@code postgres.log}). */
    public Path folder() {
        return folder;
    }

    /** Starts the stopped server again, on the same port, and waits until it accepts connections. */
    public synchronized void start() {
        if (!running) {
            pgCtlStart();
        }
    }

    /** Shuts down cleanly ({@code pg_ctl stop -m fast}): connections are cut, the data checkpointed. */
    public synchronized void stop() {
        stop("fast");
    }

    /**
     * Stops as a crash would ({@code pg_ctl stop -m immediate}): the processes quit at once, without
     * a checkpoint; the next start recovers from the write-ahead log.
     */
    public synchronized void crash() {
        stop("immediate");
    }

    /** {@link #stop()}, then {@link #start()}. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Freezes every process of the server (SIGSTOP), as a hung machine or a cut network would:
     * connections stay open and nothing answers, until {@link #thaw()}.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() {
        signal("CONT");
    }

    // The postmaster first (it forks no new backend once stopped), then its children: each backend
    // runs in a session of its own, so signalling the process group would miss them.
    private void signal(String signal) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the server in " + folder + " is not running", e);
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                .forEach(child -> command.add(Long.toString(child.pid())));
        execute(command, COMMAND_TIMEOUT);
    }

    /** Stops the server at once and deletes its folder. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(closeAtExit);
        } catch (IllegalStateException exiting) {
            // called by that very hook
        }
        try {
            stop("immediate");
        } catch (RuntimeException e) {
            System.err.println("could not stop the PostgreSQL server in " + folder + ": " + e.getMessage());
        } finally {
            deleteFolder(folder);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", " + folder + "]";
    }

    // ---- life cycle ----

    private void initialize() {
        Path passwordFile = folder.resolve("superuser.password");
        try {
            Files.writeString(passwordFile, superPassword + "\n");
            giveToServerUser(folder);
            giveToServerUser(passwordFile);
            binaries.run(COMMAND_TIMEOUT, "initdb", "-D", data.toString(), "-U", "postgres",
                    "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions");
            Files.delete(passwordFile);
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "",
                    "# parley test server",
                    "listen_addresses = '127.0.0.1'",
                    // a unix socket path is at most 107 bytes; the tests connect over TCP anyway
                    "unix_socket_directories = '" + (folder.toString().length() < 80 ? folder : "") + "'",
                    "max_connections = 300",
                    ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up PostgreSQL in " + folder, e);
        }
    }

    // The port is free when chosen, but another process may take it before the server binds it.
    private void startOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                pgCtlStart();
                return;
            } catch (IllegalStateException e) {
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    private void pgCtlStart() {
        Path log = folder.resolve("postgres.log");
        try {
            binaries.run(COMMAND_TIMEOUT, "pg_ctl", "start", "-D", data.toString(), "-l", log.toString(),
                    "-w", "-t", "30", "-o", "-p " + port);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nthe server's log ends with:\n" + tail(log), e);
        }
        running = true;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stop(String mode) {
        if (running || Files.exists(data.resolve("postmaster.pid"))) {
            binaries.run(COMMAND_TIMEOUT, "pg_ctl", "stop", "-D", data.toString(), "-m", mode, "-w", "-t", "30");
            running = false;
        }
    }

    /** Runs one statement as the superuser, over TCP like the tests. */
    private void admin(String sql) {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("password", superPassword);
        login.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), login);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + this + " refused \"" + sql.replace(password, "***")
                    + "\": " + e.getMessage(), e);
        }
    }

    private void giveToServerUser(Path path) throws IOException {
        if (binaries.runAs().isPresent()) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(binaries.runAs().get()));
        }
    }

    // ---- leftovers of killed JVMs ----

    /** Stops and deletes the servers of JVMs that died without their shutdown hook (kill -9). */
    private static void reapAbandonedFolders(PostgresBinaries binaries) {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            entries.filter(path -> path.getFileName().toString().startsWith(FOLDER_PREFIX))
                    .filter(PostgresServer::ownerIsGone)
                    .forEach(folder -> {
                        Path data = folder.resolve("data");
                        try {
                            if (Files.exists(data.resolve("postmaster.pid"))) {
                                binaries.run(COMMAND_TIMEOUT, "pg_ctl", "stop", "-D", data.toString(), "-m",
                                        "immediate", "-w");
                            }
                        } catch (RuntimeException e) {
                            // not running any more: deleting the folder is what matters
                        }
                        deleteFolder(folder);
                    });
        } catch (IOException | UncheckedIOException e) {
            // best effort: leftovers in a temp folder
        }
    }

    // The owner file goes last when a folder is deleted; a folder without one whose deletion was
    // cut short (the JVM killed meanwhile) is abandoned too, once it is not brand new.
    private static boolean ownerIsGone(Path folder) {
        try {
            Path owner = folder.resolve(OWNER_FILE);
            if (!Files.exists(owner)) {
                return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minusSeconds(60));
            }
            long pid = Long.parseLong(Files.readString(owner).trim());
            return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    // ---- small things ----

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** 24 random letters, digits, '-' and '_'. */
    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Deletes a server's folder, its owner file last. */
    private static void deleteFolder(Path folder) {
        deleteRecursively(folder.resolve("data"));
        deleteRecursively(folder);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a temp folder
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temp folder
        }
    }

    /**
     * Runs a command and waits for it.
     *
     * @throws IllegalStateException with the command's output when it fails or times out
     */
    private static void execute(List<String> command, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("parley-postgres-command", ".txt");
            Process process = new ProcessBuilder(command).directory(output.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("did not finish within " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (exit code " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    // ---- the programs ----

    /**
     * The programs of one PostgreSQL installation ({@code bin}), and the user they run as: through
     * {@code runuser -u postgres --} when the JVM runs as root.
     */
    private record PostgresBinaries(Path bin, Optional<String> runAs) {

        private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
        private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");

        /** The installation on the PATH, else the newest under /usr/lib/postgresql. */
        static PostgresBinaries find() {
            Path bin = onPath().or(PostgresBinaries::newestDebian).orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL is not installed: initdb, pg_ctl and postgres are neither on the PATH nor in "
                            + DEBIAN_ROOT + "/<version>/bin. Install the Debian package 'postgresql'"
                            + " (apt-get install postgresql); the project's test command installs it."));
            if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
                return new PostgresBinaries(bin, Optional.empty());
            }
            try {
                bin.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                throw new IllegalStateException("the tests run as root, and PostgreSQL refuses to run as root;"
                        + " it runs as the user 'postgres', which does not exist. Install the Debian package"
                        + " 'postgresql' (it creates that user), or run the tests as another user.", e);
            }
            return new PostgresBinaries(bin, Optional.of("postgres"));
        }

        /** The real folder (links resolved) of an initdb on the PATH, with its siblings. */
        private static Optional<Path> onPath() {
            return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> Path.of(entry, "initdb"))
                    .filter(Files::isExecutable)
                    .flatMap(initdb -> {
                        try {
                            return Stream.of(initdb.toRealPath().getParent());
                        } catch (IOException e) {
                            return Stream.empty();
                        }
                    })
                    .filter(PostgresBinaries::hasPrograms)
                    .findFirst();
        }

        private static Optional<Path> newestDebian() {
            if (!Files.isDirectory(DEBIAN_ROOT)) {
                return Optional.empty();
            }
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(version -> version.resolve("bin"))
                        .filter(PostgresBinaries::hasPrograms)
                        .max(Comparator.comparingDouble(bin -> Double.parseDouble(
                                bin.getParent().getFileName().toString())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private static boolean hasPrograms(Path bin) {
            return PROGRAMS.stream().allMatch(program -> Files.isExecutable(bin.resolve(program)));
        }

        /**
         * Runs one of the programs and waits for it.
         *
         * @throws IllegalStateException with the command's output when it fails or times out
         */
        void run(Duration timeout, String program, String... arguments) {
            List<String> command = new ArrayList<>();
            runAs.ifPresent(user -> command.addAll(List.of("runuser", "-u", user, "--")));
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(arguments));
            execute(command, timeout);
        }
    }
}