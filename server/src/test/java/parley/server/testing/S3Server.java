package parley.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import parley.server.media.blob.S3Settings;

/**
 * An S3-compatible service for tests: s3proxy in the test JVM on a free loopback port, signing
 * required (AWS v2 or v4), keeping its objects in a temporary folder, with one bucket made at start.
 * {@link #settings()} is what a Parley node needs to reach that bucket; {@link #newBucket()} makes
 * another, empty one (a fresh store for each test of a class that shares one server).
 * {@link #close()} stops it and deletes its folder.
 *
 * <p>Thread-safe: buckets are numbered by an atomic counter; s3proxy serves requests on its own threads.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "parley-test-access";
    public static final String SECRET_KEY = "parley-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Path folder;
    private final BlobStore backend;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final AtomicInteger buckets = new AtomicInteger();
    private final S3Settings settings;

    private S3Server(Path folder, BlobStore backend, S3Proxy proxy, URI endpoint) {
        this.folder = folder;
        this.backend = backend;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.settings = newBucket();
    }

    /** Starts a server with one bucket; {@link #close()} stops it. */
    public static S3Server start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("parley-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlobStore backend = new FilesystemNio2BlobStore(folder.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(backend)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(STARTUP);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start within " + STARTUP + ": " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            deleteFolder(folder);
            throw new IllegalStateException("s3proxy could not start: " + e.getMessage(), e);
        }
        return new S3Server(folder, backend, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** The settings of the bucket made at start. */
    public S3Settings settings() {
        return settings;
    }

    /** Makes another, empty bucket and gives the settings to reach it. */
    public S3Settings newBucket() {
        String bucket = "parley-" + buckets.incrementAndGet();
        backend.createContainer(bucket);
        return new S3Settings(endpoint, REGION, bucket, ACCESS_KEY, SECRET_KEY, true);
    }

    /** The folder where the objects of bucket {@code bucket} are kept, to look at what was stored. */
    public Path bucketFolder(String bucket) {
        return folder.resolve(bucket);
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        deleteFolder(folder);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping is best effort: the JVM ends after the tests anyway
        }
    }

    private static void deleteFolder(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
