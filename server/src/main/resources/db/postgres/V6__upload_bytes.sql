-- The daily upload quota's ledger: bytes declared by the uploads a user started, summed by the hour.
-- Written when an upload is created (cancelled and refused uploads still count); rows older than the
-- quota's window are deleted by the media clean-up.
CREATE TABLE upload_bytes (
    owner_id   bigint NOT NULL REFERENCES users (id),
    hour_start bigint NOT NULL,              -- milliseconds since the epoch, at a whole hour
    bytes      bigint NOT NULL,
    PRIMARY KEY (owner_id, hour_start)
);

CREATE INDEX upload_bytes_by_age ON upload_bytes (hour_start);
