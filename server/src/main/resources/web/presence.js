// presence.js: who of my contacts is online, and when the others were last seen, from the
// server's presence frames. The server sends the whole picture after every ready, then changes;
// so a new connection starts from a clean slate. A user absent here is shown with nothing (hidden
// by their privacy setting or mine, or never seen).
//
// New contacts: the server sends presence on connect and on changes, but not when two users
// first share a chat. Saving my privacy setting again (unchanged) makes it send me my contacts'
// presence and them mine, so a contact met after connecting triggers that, once per burst.

const REFRESH_DELAY_MS = 300;

export class Presence {
  /** refresh(): asks the server for the contacts' presence again (see above). */
  constructor(onChange, refresh) {
    this.byUser = new Map(); // userId -> {online, lastSeen?}
    this.onChange = onChange;
    this.refresh = refresh;
    this.known = null; // contact ids the server's last picture covered; null until catch-up
    this.timer = null;
  }

  /** A new connection: the server's picture follows, for the contacts it knows of now. */
  reset() {
    this.byUser.clear();
    this.known = null;
    this.onChange();
  }

  /** The contacts this connection's picture covers (after the catch-up). */
  baseline(contactIds) {
    this.known = new Set(contactIds);
  }

  /** Contacts now; any not covered yet gets the picture refreshed. */
  contactsChanged(contactIds) {
    if (this.known === null) return;
    const fresh = contactIds.filter((id) => !this.known.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.known.add(id);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch(() => {}), REFRESH_DELAY_MS);
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
