-- Media (pictures, videos, voice notes, files). A media message keeps its media's description
-- (a JSON MediaRef) with it, so reading history never joins another table; media_id links the
-- message to the media row for who-may-fetch checks and for the clean-up of unsent media.
ALTER TABLE messages DROP CONSTRAINT messages_kind_check,
    ADD CONSTRAINT messages_kind_check CHECK (kind IN ('text', 'system', 'image', 'video', 'voice', 'file')),
    ADD COLUMN media_id text,
    ADD COLUMN media text;
CREATE INDEX messages_by_media ON messages (media_id) WHERE media_id IS NOT NULL;

-- an unfinished resumable upload; its bytes are parts in the blob store
CREATE TABLE uploads (
    id           text   PRIMARY KEY,
    owner_id     bigint NOT NULL REFERENCES users (id),
    size         bigint NOT NULL,            -- declared at creation; the upload is complete at this size
    name         text   NOT NULL,            -- sanitized display name, never used for storage
    claimed_type text,                       -- the client's claim, checked against the bytes
    received     bigint NOT NULL DEFAULT 0,  -- bytes stored: the offset of the next chunk
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL
);

CREATE INDEX uploads_by_owner ON uploads (owner_id);
CREATE INDEX uploads_by_age ON uploads (updated_at);

-- a finished file; blob_key and thumb_key are content addresses (hex SHA-256) in the blob store
CREATE TABLE media (
    id         text   PRIMARY KEY,
    owner_id   bigint NOT NULL REFERENCES users (id),
    blob_key   text   NOT NULL,
    thumb_key  text,
    ref        text   NOT NULL,              -- the MediaRef as JSON, as messages show it
    created_at bigint NOT NULL
);

CREATE INDEX media_by_blob ON media (blob_key);
CREATE INDEX media_by_thumb ON media (thumb_key);
CREATE INDEX media_by_age ON media (created_at);
