package parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Uploads and media in SQLite or PostgreSQL alike (portable SQL through {@link JdbcTransactions}).
 * Thread-safe: every call is its own transaction.
 */
public final class JdbcMediaStore implements MediaStore {
    private static final String UPLOAD_COLUMNS = "id, owner_id, size, name, claimed_type, received, created_at, updated_at";
    private static final String MEDIA_COLUMNS = "ref, owner_id, blob_key, thumb_key, created_at";

    private final JdbcTransactions database;

    public JdbcMediaStore(JdbcTransactions database) {
        this.database = database;
    }

    @Override
    public Admission createUpload(Upload upload, UploadLimits limits) {
        try {
            return database.write(connection -> {
                // counted first: on PostgreSQL the bucket's row lock makes one user's creations wait in turn
                countBytes(connection, upload, limits);
                if (unfinished(connection, upload.ownerId()) >= limits.maxUnfinished()) {
                    throw new Refused(new Admission.TooManyUnfinished());
                }
                overBytes(connection, upload, limits).ifPresent(over -> {
                    throw new Refused(over);
                });
                insertUpload(connection, upload);
                return new Admission.Created();
            });
        } catch (Refused refused) {
            return refused.admission;
        }
    }

    /** Unwinds (and so rolls back) a creation that passes a limit. */
    private static final class Refused extends RuntimeException {
        private final transient Admission admission;

        Refused(Admission admission) {
            super(null, null, false, false);
            this.admission = admission;
        }
    }

    private static void countBytes(Connection connection, Upload upload, UploadLimits limits) throws SQLException {
        if (limits.maxBytesPerWindow() == Long.MAX_VALUE) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO upload_bytes (owner_id, hour_start, bytes)"
                + " VALUES (?, ?, ?) ON CONFLICT (owner_id, hour_start) DO UPDATE SET bytes = upload_bytes.bytes + ?")) {
            upsert.setLong(1, upload.ownerId());
            upsert.setLong(2, upload.createdAt() - Math.floorMod(upload.createdAt(), limits.bucketMillis()));
            upsert.setLong(3, upload.size());
            upsert.setLong(4, upload.size());
            upsert.executeUpdate();
        }
    }

    private static long unfinished(Connection connection, long ownerId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM uploads WHERE owner_id = ?")) {
            count.setLong(1, ownerId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Over the window's bytes (this upload's counted already): when enough of them stop counting. */
    private static Optional<Admission> overBytes(Connection connection, Upload upload, UploadLimits limits)
            throws SQLException {
        if (limits.maxBytesPerWindow() == Long.MAX_VALUE) {
            return Optional.empty();
        }
        List<long[]> buckets = new ArrayList<>();
        long used = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT hour_start, bytes FROM upload_bytes"
                + " WHERE owner_id = ? AND hour_start > ? ORDER BY hour_start")) {
            query.setLong(1, upload.ownerId());
            query.setLong(2, upload.createdAt() - limits.windowMillis());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    buckets.add(new long[] {row.getLong(1), row.getLong(2)});
                    used += row.getLong(2);
                }
            }
        }
        if (used <= limits.maxBytesPerWindow()) {
            return Optional.empty();
        }
        long before = used - upload.size();
        long current = upload.createdAt() - Math.floorMod(upload.createdAt(), limits.bucketMillis());
        long counting = before;
        long retryAt = upload.createdAt() + limits.windowMillis();
        for (long[] bucket : buckets) {
            counting -= bucket[0] == current ? bucket[1] - upload.size() : bucket[1];
            retryAt = bucket[0] + limits.windowMillis();
            if (counting + upload.size() <= limits.maxBytesPerWindow()) {
                break;
            }
        }
        return Optional.of(new Admission.OverBytes(before, retryAt));
    }

    private static void insertUpload(Connection connection, Upload upload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO uploads (" + UPLOAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, upload.id());
            insert.setLong(2, upload.ownerId());
            insert.setLong(3, upload.size());
            insert.setString(4, upload.name());
            insert.setString(5, upload.claimedType().orElse(null));
            insert.setLong(6, upload.received());
            insert.setLong(7, upload.createdAt());
            insert.setLong(8, upload.updatedAt());
            insert.executeUpdate();
        }
    }

    @Override
    public void forgetUploadBytes(long before) {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM upload_bytes WHERE hour_start < ?")) {
                delete.setLong(1, before);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Upload> upload(String uploadId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + UPLOAD_COLUMNS + " FROM uploads WHERE id = ?")) {
                query.setString(1, uploadId);
                return readUploads(query).stream().findFirst();
            }
        });
    }

    @Override
    public boolean advanceUpload(String uploadId, long expected, long next, long now) {
        return database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE uploads SET received = ?, updated_at = ? WHERE id = ? AND received = ? AND ? <= size")) {
                update.setLong(1, next);
                update.setLong(2, now);
                update.setString(3, uploadId);
                update.setLong(4, expected);
                update.setLong(5, next);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteUpload(String uploadId) {
        database.write(connection -> deleteUpload(connection, uploadId));
    }

    private static int deleteUpload(Connection connection, String uploadId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM uploads WHERE id = ?")) {
            delete.setString(1, uploadId);
            return delete.executeUpdate();
        }
    }

    @Override
    public List<Upload> abandonedUploads(long updatedBefore, int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + UPLOAD_COLUMNS
                    + " FROM uploads WHERE updated_at < ? ORDER BY updated_at LIMIT ?")) {
                query.setLong(1, updatedBefore);
                query.setInt(2, limit);
                return readUploads(query);
            }
        });
    }

    @Override
    public boolean completeUpload(String uploadId, StoredMedia media) {
        return database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO media (id, " + MEDIA_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, media.id());
                insert.setString(2, MediaRefJson.encode(media.ref()));
                insert.setLong(3, media.ownerId());
                insert.setString(4, media.blobKey());
                insert.setString(5, media.thumbKey().orElse(null));
                insert.setLong(6, media.createdAt());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            deleteUpload(connection, uploadId);
            return true;
        });
    }

    @Override
    public Optional<StoredMedia> media(String mediaId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + MEDIA_COLUMNS + " FROM media WHERE id = ?")) {
                query.setString(1, mediaId);
                return readMedia(query).stream().findFirst();
            }
        });
    }

    @Override
    public boolean canRead(long userId, String mediaId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT 1 FROM media WHERE id = ? AND owner_id = ?
                    UNION ALL
                    SELECT 1 FROM messages m
                      JOIN members me ON me.chat_id = m.chat_id AND me.user_id = ? AND me.joined_seq <= m.seq
                     WHERE m.media_id = ?""")) {
                query.setString(1, mediaId);
                query.setLong(2, userId);
                query.setLong(3, userId);
                query.setString(4, mediaId);
                query.setMaxRows(1);
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public List<StoredMedia> unreferencedMedia(long createdBefore, int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + MEDIA_COLUMNS + """
                     FROM media
                    WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.media_id = media.id)
                    ORDER BY created_at LIMIT ?""")) {
                query.setLong(1, createdBefore);
                query.setInt(2, limit);
                return readMedia(query);
            }
        });
    }

    @Override
    public List<String> deleteMedia(String mediaId) {
        return database.write(connection -> {
            Optional<StoredMedia> media;
            try (PreparedStatement query = connection.prepareStatement("SELECT " + MEDIA_COLUMNS
                    + " FROM media WHERE id = ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.media_id = media.id)")) {
                query.setString(1, mediaId);
                media = readMedia(query).stream().findFirst();
            }
            if (media.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM media WHERE id = ?")) {
                delete.setString(1, mediaId);
                delete.executeUpdate();
            }
            List<String> unused = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            keys.add(media.get().blobKey());
            media.get().thumbKey().ifPresent(keys::add);
            try (PreparedStatement used = connection.prepareStatement(
                    "SELECT 1 FROM media WHERE blob_key = ? OR thumb_key = ?")) {
                for (String key : keys) {
                    used.setString(1, key);
                    used.setString(2, key);
                    used.setMaxRows(1);
                    try (ResultSet row = used.executeQuery()) {
                        if (!row.next()) {
                            unused.add(key);
                        }
                    }
                }
            }
            return unused;
        });
    }

    private static List<Upload> readUploads(PreparedStatement query) throws SQLException {
        List<Upload> uploads = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                uploads.add(new Upload(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4),
                        Optional.ofNullable(row.getString(5)), row.getLong(6), row.getLong(7), row.getLong(8)));
            }
        }
        return uploads;
    }

    private static List<StoredMedia> readMedia(PreparedStatement query) throws SQLException {
        List<StoredMedia> media = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                media.add(new StoredMedia(MediaRefJson.decode(row.getString(1)), row.getLong(2), row.getString(3),
                        Optional.ofNullable(row.getString(4)), row.getLong(5)));
            }
        }
        return media;
    }
}
