package parley.server.media.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store of a cluster: one S3-compatible bucket that every node shares, laid out as
 * <pre>
 *   blobs/KEY                    finished blobs, named by the hex SHA-256 of their bytes
 *   parts/UPLOAD/OFFSET          unfinished uploads, one object per part (offset zero-padded to 20 digits)
 *   tmp/RANDOM                   an assembly in progress (a multipart upload), deleted when done
 * </pre>
 *
 * <p>Concurrency: an object appears whole or not at all (a PUT or a completed multipart upload is
 * atomic), so a part is listed only once all its bytes are stored. Assembling the same bytes twice at
 * once may copy both into {@code blobs/KEY}; the copies are identical, so either is the blob. The
 * store keeps no state in memory beyond the thread-safe S3 client.
 */
public final class S3BlobStore implements BlobStore {
    /** The size of each piece of an assembly's multipart upload (S3 wants at least 5 MiB but for the last). */
    static final long ASSEMBLY_PIECE = 8L * 1024 * 1024;

    private final S3Client s3;
    private final S3Objects objects;

    /** A store on the bucket of {@code settings}, spooling bodies in the system's temporary folder. */
    public S3BlobStore(S3Settings settings) throws IOException {
        this(settings, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * A store on the bucket of {@code settings}. Each part and each assembly piece is copied to a file
     * in {@code spool} (created if missing) before it is sent, so the request can be retried; the
     * file is deleted once sent, so the folder holds only the chunks being sent at the moment.
     */
    public S3BlobStore(S3Settings settings, Path spool) throws IOException {
        Files.createDirectories(spool);
        this.s3 = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.objects = new S3Objects(s3, settings.bucket(), spool);
    }

    @Override
    public void writePart(String uploadId, long offset, long length, InputStream in) throws IOException {
        BlobNames.offset(offset, length);
        String key = partKey(BlobNames.uploadId(uploadId), offset);
        objects.put(key, in, length);
    }

    @Override
    public List<Part> parts(String uploadId) throws IOException {
        String prefix = partPrefix(BlobNames.uploadId(uploadId));
        List<Part> found = new ArrayList<>();
        for (S3Object object : objects.list(prefix)) {
            String name = object.key().substring(prefix.length());
            if (name.length() == 20 && name.chars().allMatch(Character::isDigit)) {
                found.add(new Part(Long.parseLong(name), object.size()));
            }
        }
        found.sort(Comparator.comparingLong(Part::offset));
        return List.copyOf(found);
    }

    @Override
    public InputStream openParts(String uploadId) throws IOException {
        List<Part> found = parts(uploadId);
        BlobNames.contiguousLength(uploadId, found);
        return new PartSequenceStream(found, part -> objects.get(partKey(uploadId, part.offset()), Optional.empty()));
    }

    @Override
    public Blob assemble(String uploadId) throws IOException {
        long size = BlobNames.contiguousLength(uploadId, parts(uploadId));
        String temp = "tmp/" + UUID.randomUUID();
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(openParts(uploadId), digest)) {
            uploadInPieces(temp, in, size);
        }
        String key = Sha256.key(digest);
        try {
            if (objects.size(blobKey(key)).isEmpty()) {
                objects.copy(temp, blobKey(key), size);
            }
        } finally {
            objects.delete(temp);
        }
        deleteParts(uploadId);
        return new Blob(key, size);
    }

    @Override
    public void deleteParts(String uploadId) throws IOException {
        String prefix = partPrefix(BlobNames.uploadId(uploadId));
        List<ObjectIdentifier> keys = objects.list(prefix).stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList();
        objects.deleteAll(keys);
    }

    @Override
    public Blob put(byte[] bytes) throws IOException {
        String key = Sha256.key(bytes);
        if (objects.size(blobKey(key)).isEmpty()) {
            objects.put(blobKey(key), bytes);
        }
        return new Blob(key, bytes.length);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return objects.size(blobKey(BlobNames.key(key)));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        BlobNames.offset(offset, length);
        String object = blobKey(BlobNames.key(key));
        if (length == 0) {
            long size = objects.size(object).orElseThrow(() -> new NoSuchFileException(key));
            if (offset > size) {
                throw new IllegalArgumentException("range " + offset + "+0 is outside the blob of " + size + " bytes");
            }
            return InputStream.nullInputStream();
        }
        return objects.get(object, Optional.of(new S3Objects.Range(offset, length)));
    }

    @Override
    public void delete(String key) throws IOException {
        objects.delete(blobKey(BlobNames.key(key)));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Streams {@code size} bytes into a multipart upload of {@code key}, one piece at a time; aborts it on failure. */
    private void uploadInPieces(String key, InputStream in, long size) throws IOException {
        if (size <= ASSEMBLY_PIECE) {
            objects.put(key, in, size);
            return;
        }
        String multipart = objects.startMultipart(key);
        try {
            List<CompletedPart> pieces = new ArrayList<>();
            for (long done = 0; done < size; done += ASSEMBLY_PIECE) {
                long length = Math.min(ASSEMBLY_PIECE, size - done);
                pieces.add(objects.uploadPiece(key, multipart, pieces.size() + 1, in, length));
            }
            objects.completeMultipart(key, multipart, pieces);
        } catch (IOException | RuntimeException e) {
            objects.abortMultipart(key, multipart);
            throw e;
        }
    }

    private static String blobKey(String key) {
        return "blobs/" + key;
    }

    private static String partPrefix(String uploadId) {
        return "parts/" + uploadId + "/";
    }

    private static String partKey(String uploadId, long offset) {
        return partPrefix(uploadId) + String.format("%020d", offset);
    }
}
