package parley.server.media.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The blob store of one node: a folder (under the data directory) laid out as
 * <pre>
 *   blobs/ab/cd/abcd…   finished blobs, named by the hex SHA-256 of their bytes
 *   parts/UPLOAD/OFFSET unfinished uploads, one file per part, named by its first byte's offset
 *   tmp/                files being written; nothing else ever reads them
 * </pre>
 *
 * <p>Concurrency: every file appears under its final name by one atomic rename, only once it is
 * complete and fsynced, so readers see a whole part or blob or none. Two threads (or processes)
 * assembling the same bytes both rename identical files onto the same name; the last rename wins and
 * either copy is the same blob. Two writes of the same part race the same way: one of two complete
 * parts is kept. The store keeps no state in memory, so one instance serves any number of threads.
 */
public final class FolderBlobStore implements BlobStore {
    private static final int BUFFER = 64 * 1024;

    private final Path blobs;
    private final Path parts;
    private final Path tmp;

    /** A store in {@code folder} (created if missing). */
    public FolderBlobStore(Path folder) throws IOException {
        this.blobs = Files.createDirectories(folder.resolve("blobs"));
        this.parts = Files.createDirectories(folder.resolve("parts"));
        this.tmp = Files.createDirectories(folder.resolve("tmp"));
    }

    @Override
    public void writePart(String uploadId, long offset, long length, InputStream in) throws IOException {
        BlobNames.offset(offset, length);
        Path folder = parts.resolve(BlobNames.uploadId(uploadId));
        Path temp = newTempFile();
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                new ExactLengthStream(in, length, false).transferTo(out);
                channel.force(true);
            }
            Files.createDirectories(folder);
            Files.move(temp, folder.resolve(Long.toString(offset)), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public List<Part> parts(String uploadId) throws IOException {
        Path folder = parts.resolve(BlobNames.uploadId(uploadId));
        List<Part> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Optional<Long> offset = partOffset(file);
                Optional<Long> length = offset.isPresent() ? sizeIfPresent(file) : Optional.empty();
                if (length.isPresent()) {
                    found.add(new Part(offset.get(), length.get()));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(Part::offset));
        return List.copyOf(found);
    }

    @Override
    public InputStream openParts(String uploadId) throws IOException {
        List<Part> found = parts(uploadId);
        BlobNames.contiguousLength(uploadId, found);
        Path folder = parts.resolve(uploadId);
        return new PartSequenceStream(found, part -> Files.newInputStream(folder.resolve(Long.toString(part.offset()))));
    }

    @Override
    public Blob assemble(String uploadId) throws IOException {
        long size = BlobNames.contiguousLength(uploadId, parts(uploadId));
        Path temp = newTempFile();
        try {
            MessageDigest digest = Sha256.digest();
            long copied;
            try (InputStream in = openParts(uploadId);
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                copied = in.transferTo(new DigestOutputStream(Channels.newOutputStream(channel), digest));
                channel.force(true);
            }
            if (copied != size) {
                throw new IOException("upload " + uploadId + " changed while it was assembled");
            }
            String key = Sha256.key(digest);
            moveIntoPlace(temp, key);
            deleteParts(uploadId);
            return new Blob(key, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void deleteParts(String uploadId) throws IOException {
        Path folder = parts.resolve(BlobNames.uploadId(uploadId));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            // a part was written meanwhile: the upload goes on, its folder stays
        }
    }

    @Override
    public Blob put(byte[] bytes) throws IOException {
        String key = Sha256.key(bytes);
        if (Files.exists(blobPath(key))) {
            return new Blob(key, bytes.length);
        }
        Path temp = newTempFile();
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, key);
            return new Blob(key, bytes.length);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(Files.size(blobPath(BlobNames.key(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        BlobNames.offset(offset, length);
        FileChannel channel = FileChannel.open(blobPath(BlobNames.key(key)), StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (offset + length > size) {
                throw new IllegalArgumentException("range " + offset + "+" + length + " is outside the blob of " + size + " bytes");
            }
            channel.position(offset);
            return new ExactLengthStream(Channels.newInputStream(channel), length, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(blobPath(BlobNames.key(key)));
    }

    private Path blobPath(String key) {
        return blobs.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    /** Renames a complete, fsynced file to its content address, unless that blob is already there. */
    private void moveIntoPlace(Path temp, String key) throws IOException {
        Path target = blobPath(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path newTempFile() throws IOException {
        return Files.createFile(tmp.resolve(UUID.randomUUID().toString()));
    }

    private static Optional<Long> partOffset(Path file) {
        String name = file.getFileName().toString();
        if (name.isEmpty() || name.length() > 19 || !name.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(name));
    }

    /** The size of a file that a concurrent {@link #deleteParts} may just have removed. */
    private static Optional<Long> sizeIfPresent(Path file) throws IOException {
        try {
            return Optional.of(Files.size(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
