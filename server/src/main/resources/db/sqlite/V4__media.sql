-- Media (pictures, videos, voice notes, files). A media message keeps its media's description
-- (a JSON MediaRef) with it, so reading history never joins another table; media_id links the
-- message to the media row for who-may-fetch checks and for the clean-up of unsent media.
ALTER TABLE messages ADD COLUMN media_id TEXT;
ALTER TABLE messages ADD COLUMN media TEXT;

-- after the new columns: SQLite places an added column by offsets it parsed from the old text
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'CHECK (kind IN (''text'', ''system''))',
                          'CHECK (kind IN (''text'', ''system'', ''image'', ''video'', ''voice'', ''file''))')
 WHERE type = 'table' AND name = 'messages';
PRAGMA writable_schema = OFF;

CREATE INDEX messages_by_media ON messages (media_id) WHERE media_id IS NOT NULL;

-- an unfinished resumable upload; its bytes are parts in the blob store
CREATE TABLE uploads (
    id           TEXT    PRIMARY KEY,
    owner_id     INTEGER NOT NULL REFERENCES users (id),
    size         INTEGER NOT NULL,           -- declared at creation; the upload is complete at this size
    name         TEXT    NOT NULL,           -- sanitized display name, never used for storage
    claimed_type TEXT,                       -- the client's claim, checked against the bytes
    received     INTEGER NOT NULL DEFAULT 0, -- bytes stored: the offset of the next chunk
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX uploads_by_owner ON uploads (owner_id);
CREATE INDEX uploads_by_age ON uploads (updated_at);

-- a finished file; blob_key and thumb_key are content addresses (hex SHA-256) in the blob store
CREATE TABLE media (
    id         TEXT    PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users (id),
    blob_key   TEXT    NOT NULL,
    thumb_key  TEXT,
    ref        TEXT    NOT NULL,             -- the MediaRef as JSON, as messages show it
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX media_by_blob ON media (blob_key);
CREATE INDEX media_by_thumb ON media (thumb_key);
CREATE INDEX media_by_age ON media (created_at);
