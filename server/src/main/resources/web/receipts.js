// receipts.js: tells the server how far this user has got. `delivered` up to the highest seq
// held, for every chat; `read` up to it for the chat on screen while the page is visible. Only
// sends what would move a watermark, once per connection.

export class Receipts {
  constructor(conn, store) {
    this.conn = conn;
    this.store = store;
    this.sent = new Map(); // chatId -> {delivered, read} sent on this connection
    this.scheduled = false;
    document.addEventListener('visibilitychange', () => this.schedule());
  }

  /** A new connection: what the old one sent may have been lost with it. */
  reset() {
    this.sent.clear();
    this.schedule();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, 0);
  }

  flush() {
    if (!this.conn.ready) return;
    const visible = document.visibilityState === 'visible';
    for (const chat of this.store.chats.values()) {
      const seq = chat.held;
      if (seq <= 0) continue;
      const sent = this.sent.get(chat.id) ?? { delivered: 0, read: 0 };
      const reading = visible && chat.known && this.store.selectedId === chat.id;
      if (reading && seq > chat.myRead && seq > sent.read) {
        if (this.receipt(chat.id, 'read', seq)) sent.read = sent.delivered = seq; // read implies delivered
      } else if (seq > chat.myDelivered && seq > sent.delivered) {
        if (this.receipt(chat.id, 'delivered', seq)) sent.delivered = seq;
      }
      this.sent.set(chat.id, sent);
    }
  }

  receipt(chatId, kind, seq) {
    return this.conn.send({ type: 'receipt', chatId, kind, seq });
  }
}
