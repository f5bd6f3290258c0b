-- What each user stores (message texts, uploaded files), in bytes, against a quota: NULL quota_bytes
-- means the node's default (quota.stored-bytes-per-user); an operator may set one per user.
ALTER TABLE users ADD COLUMN stored_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN quota_bytes INTEGER;
