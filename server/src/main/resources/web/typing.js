// typing.js: "typing…" both ways. Incoming: who is typing in which chat, each shown until a
// typing false, a message from them in that chat, or 6 s without renewal. Outgoing: while I type
// in a chat, a typing true at most every 3 s, and a typing false once I switch chats, clear the
// composer or stop for 4 s; sending needs none (a message ends the indicator on every client),
// which spares the server's typing rate limit (a burst of 10, then 1 a second). Typing is never
// stored and may be dropped; nothing here needs to be exact.

const SHOWN_MS = 6000;
const RENEW_MS = 3000;
const IDLE_MS = 4000;

export class Typing {
  constructor(conn, onChange) {
    this.conn = conn;
    this.onChange = onChange;
    this.incoming = new Map(); // chatId -> Map(userId -> expiry timer)
    this.mine = null; // {chatId, sentAt, idleTimer} while I am typing
  }

  /** A typing frame from the server. */
  apply(frame) {
    if (frame.typing) this.show(frame.chatId, frame.userId);
    else this.hide(frame.chatId, frame.userId);
  }

  /** A message from someone ends their typing in that chat. */
  onMessage(message) {
    this.hide(message.chatId, message.senderId);
  }

  /** User ids typing in a chat now. */
  typers(chatId) {
    return [...(this.incoming.get(chatId)?.keys() ?? [])];
  }

  show(chatId, userId) {
    const users = this.incoming.get(chatId) ?? new Map();
    clearTimeout(users.get(userId));
    users.set(userId, setTimeout(() => this.hide(chatId, userId), SHOWN_MS));
    this.incoming.set(chatId, users);
    this.onChange(chatId);
  }

  hide(chatId, userId) {
    const users = this.incoming.get(chatId);
    if (!users?.has(userId)) return;
    clearTimeout(users.get(userId));
    users.delete(userId);
    if (users.size === 0) this.incoming.delete(chatId);
    this.onChange(chatId);
  }

  /** I typed a key in the composer of a chat. */
  typed(chatId) {
    if (this.mine && this.mine.chatId !== chatId) this.stopped();
    const now = Date.now();
    if (!this.mine || now - this.mine.sentAt >= RENEW_MS) {
      if (!this.conn.send({ type: 'typing', chatId, typing: true })) return;
      this.mine = { chatId, sentAt: now, idleTimer: null };
    }
    clearTimeout(this.mine.idleTimer);
    this.mine.idleTimer = setTimeout(() => this.stopped(), IDLE_MS);
  }

  /** I cleared the composer, left the chat or went idle. */
  stopped() {
    if (!this.mine) return;
    clearTimeout(this.mine.idleTimer);
    this.conn.send({ type: 'typing', chatId: this.mine.chatId, typing: false });
    this.mine = null;
  }

  /** I sent a message: its arrival ends my indicator on the other clients. */
  sent() {
    if (!this.mine) return;
    clearTimeout(this.mine.idleTimer);
    this.mine = null;
  }

  /** A new connection: indicators from the old one may never get their "stopped". */
  reset() {
    for (const [chatId, users] of this.incoming) {
      for (const timer of users.values()) clearTimeout(timer);
      this.onChange(chatId);
    }
    this.incoming.clear();
    this.mine = null;
  }
}
