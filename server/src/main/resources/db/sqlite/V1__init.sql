-- Parley's embedded schema. Every hot-path query is keyed by chat id (members, messages), so that
-- messages can later be partitioned by chat id without cross-chat joins.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,   -- lower-case username: names are unique in any case
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    token_hash   BLOB    NOT NULL UNIQUE,    -- SHA-256 of the token; the token itself is never stored
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    revoked_at   INTEGER                     -- NULL while the device is live
) STRICT;

CREATE INDEX devices_by_user ON devices (user_id);

CREATE TABLE chats (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('direct')),
    direct_key    TEXT    UNIQUE,            -- "min:max" of the two user ids of a direct chat
    created_at    INTEGER NOT NULL,
    last_seq      INTEGER NOT NULL DEFAULT 0, -- the seq of the chat's newest message; 0 when empty
    last_activity INTEGER NOT NULL,          -- time of the newest message, or of the creation
    CHECK (kind <> 'direct' OR direct_key IS NOT NULL)
) STRICT;

CREATE TABLE members (
    chat_id       INTEGER NOT NULL REFERENCES chats (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    joined_at     INTEGER NOT NULL,
    delivered_seq INTEGER NOT NULL DEFAULT 0,
    delivered_at  INTEGER,
    read_seq      INTEGER NOT NULL DEFAULT 0,
    read_at       INTEGER,
    PRIMARY KEY (chat_id, user_id),
    CHECK (read_seq <= delivered_seq)        -- read implies delivered
) STRICT, WITHOUT ROWID;

CREATE INDEX members_by_user ON members (user_id, chat_id);

CREATE TABLE messages (
    chat_id       INTEGER NOT NULL REFERENCES chats (id),
    seq           INTEGER NOT NULL,
    sender_id     INTEGER NOT NULL REFERENCES users (id),
    client_msg_id TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('text')),
    -- the store's own ceiling (1 MiB of UTF-8), far above any configured message limit
    body          TEXT    NOT NULL CHECK (length(CAST(body AS BLOB)) <= 1048576),
    server_time   INTEGER NOT NULL,
    PRIMARY KEY (chat_id, seq)
) STRICT, WITHOUT ROWID;

-- exactly once: a client message id names one message per (chat, sender)
CREATE UNIQUE INDEX messages_by_client_id ON messages (chat_id, sender_id, client_msg_id);
