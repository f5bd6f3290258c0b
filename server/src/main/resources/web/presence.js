// presence.js: who of my contacts is online, and when the others were last seen, from the
// server's presence frames. The server sends the whole picture after every ready, then changes;
// so a new connection starts from a clean slate. A user absent here is shown with nothing (hidden
// by their privacy setting or mine, or never seen).
//
// Contacts met while connected (a new chat, a new group) arrive as presence frames too: the
// server introduces users as soon as they share a chat.

export class Presence {
  constructor(onChange) {
    this.byUser = new Map(); // userId -> {online, lastSeen?}
    this.onChange = onChange;
  }

  /** A new connection: the server's picture follows, for the contacts it knows of now. */
  reset() {
    this.byUser.clear();
    this.onChange();
  }

  apply(frame) {
    this.byUser.set(frame.userId, { online: frame.online, lastSeen: frame.lastSeen ?? null });
    this.onChange();
  }

  /** {online, lastSeen} or null when unknown or hidden. */
  of(userId) {
    return this.byUser.get(userId) ?? null;
  }

  isOnline(userId) {
    return this.byUser.get(userId)?.online === true;
  }
}
