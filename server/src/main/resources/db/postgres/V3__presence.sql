-- Presence: who may see a user's online status and last seen, and the last seen itself, written
-- when the user's last device goes quiet. A user without a row sees and is seen by everyone.
CREATE TABLE presence (
    user_id      bigint PRIMARY KEY REFERENCES users (id),
    visibility   text   NOT NULL DEFAULT 'everyone' CHECK (visibility IN ('everyone', 'contacts', 'nobody')),
    last_seen_at bigint
);
