// outbox.js: messages not yet acked, kept in localStorage so they survive a reload. Each is sent
// once on every connection until its ack (or its stored copy) arrives, always with the same
// clientMsgId, so the server stores it exactly once. Final refusals (text too long, no such
// chat) stay as failed until the user retries or discards them.

// Refusals that resending cannot fix; any other code (overloaded, unavailable, internal, one
// this version does not know) means nothing was stored: resend later, unchanged.
const FINAL = new Set(['invalid_request', 'text_too_long', 'not_found', 'bad_json', 'frame_too_large']);
const RETRY_MS = 3000;

export class Outbox {
  constructor(conn, store) {
    this.conn = conn;
    this.store = store;
    this.key = `parley.outbox.${store.me.userId}`;
    this.entries = this.load();
    this.sentOn = new Map(); // clientMsgId -> the connection generation it was sent on
    window.addEventListener('storage', (event) => {
      if (event.key !== this.key) return;
      this.entries = this.load(); // another tab of the same user changed it
      this.store.changed(null);
      this.flush();
    });
  }

  /** Queues a new message (with uploaded media, a MediaRef, or none) and sends it at once when connected. */
  add(chatId, text, media = null) {
    const entry = { clientMsgId: crypto.randomUUID(), chatId, text, media, createdAt: Date.now(), failed: null };
    this.entries.push(entry);
    this.save();
    this.store.changed(chatId);
    this.flush();
    return entry;
  }

  /** Sends every entry not yet sent on this connection, oldest first. */
  flush() {
    if (!this.conn.ready) return;
    for (const entry of this.entries) {
      if (entry.failed || this.sentOn.get(entry.clientMsgId) === this.conn.generation) continue;
      const frame = { type: 'send', clientMsgId: entry.clientMsgId, chatId: entry.chatId, text: entry.text };
      if (entry.media) frame.mediaId = entry.media.mediaId;
      if (this.overFrameLimit(frame)) {
        // the server would close the connection for it, and every reconnect would resend it
        entry.failed = { code: 'frame_too_large', message: 'Too long to send' };
        this.save();
        this.store.changed(entry.chatId);
        continue;
      }
      if (this.conn.send(frame)) this.sentOn.set(entry.clientMsgId, this.conn.generation);
    }
  }

  overFrameLimit(frame) {
    const max = this.conn.limits?.maxFrameBytes;
    return max != null && new TextEncoder().encode(JSON.stringify(frame)).length > max;
  }

  /** The ack: the message is stored with its seq. */
  onAck(ack) {
    const entry = this.remove(ack.clientMsgId);
    if (!entry) return;
    this.store.addMessage({
      chatId: ack.chatId, seq: ack.seq, senderId: this.store.me.userId, clientMsgId: ack.clientMsgId,
      kind: entry.media?.kind ?? 'text', text: entry.text, serverTime: ack.serverTime,
      ...(entry.media ? { media: entry.media } : {}),
    });
  }

  /** A stored message of mine arrived another way (push, sync): no need to send it again. */
  onStored(message) {
    if (message.senderId === this.store.me.userId) this.remove(message.clientMsgId);
  }

  /** An error about a send (its ref is the clientMsgId); false when it is about something else. */
  onError(frame) {
    const entry = this.find(frame.ref);
    if (!entry) return false;
    this.sentOn.delete(entry.clientMsgId);
    if (FINAL.has(frame.code)) {
      entry.failed = { code: frame.code, message: frame.message };
      this.save();
      this.store.changed(entry.chatId);
    } else {
      setTimeout(() => this.flush(), RETRY_MS);
    }
    return true;
  }

  retry(clientMsgId) {
    const entry = this.find(clientMsgId);
    if (!entry) return;
    entry.failed = null;
    this.save();
    this.store.changed(entry.chatId);
    this.flush();
  }

  discard(clientMsgId) {
    const entry = this.remove(clientMsgId);
    if (entry) this.store.changed(entry.chatId);
  }

  /** The entries of one chat, oldest first: shown after the chat's stored messages. */
  forChat(chatId) {
    return this.entries.filter((e) => e.chatId === chatId);
  }

  find(clientMsgId) {
    return clientMsgId ? this.entries.find((e) => e.clientMsgId === clientMsgId.toLowerCase()) : undefined;
  }

  remove(clientMsgId) {
    const entry = this.find(clientMsgId);
    if (!entry) return null;
    this.entries = this.entries.filter((e) => e !== entry);
    this.sentOn.delete(entry.clientMsgId);
    this.save();
    this.store.changed(entry.chatId);
    return entry;
  }

  load() {
    try {
      const entries = JSON.parse(localStorage.getItem(this.key));
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  }

  save() {
    localStorage.setItem(this.key, JSON.stringify(this.entries));
  }
}
