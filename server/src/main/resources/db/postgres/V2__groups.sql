-- Groups (issue 4). A system message's event is kept in messages.body (see SystemEventText).
ALTER TABLE chats DROP CONSTRAINT chats_kind_check,
    ADD CONSTRAINT chats_kind_check CHECK (kind IN ('direct', 'group'));
ALTER TABLE messages DROP CONSTRAINT messages_kind_check,
    ADD CONSTRAINT messages_kind_check CHECK (kind IN ('text', 'system'));

-- one row per group chat, keyed (and distributable) by chat id
CREATE TABLE groups (
    chat_id         bigint  NOT NULL PRIMARY KEY REFERENCES chats (id),
    title           text    NOT NULL,
    members_can_add integer NOT NULL DEFAULT 0 CHECK (members_can_add IN (0, 1))
);

-- a member's role, and the seq of the system message that added them (0 in a one-on-one chat):
-- they see the chat from there on
ALTER TABLE members ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    ADD COLUMN joined_seq bigint NOT NULL DEFAULT 0;
