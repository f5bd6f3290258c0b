// store.js: what this page knows. Per chat: its members, watermarks and a window of messages
// keyed by seq. `held` is the highest seq with nothing missing below it in the window; messages
// are shown only from `low` to `held`, in seq order, so nothing shows twice or out of order.
// A message that skips ahead waits in `ahead` while the gap is fetched (see catchup.js).

const ORPHANS_PER_CHAT = 500;

function newChat(id) {
  return {
    id,
    known: false, // members are known (from a chat summary)
    kind: 'direct',
    members: [],
    groupTitle: null,
    left: false, // I left or was removed from this group: it keeps what it had, and takes no sends
    held: 0,
    low: 1, // the window holds exactly the seqs low..held (empty when low > held)
    msgs: new Map(),
    ahead: new Map(),
    complete: true, // nothing older than low to load
    loadingOlder: false,
    lastSeq: 0,
    lastActivity: 0,
    last: null, // the newest message known, for the chat list
    myDelivered: 0,
    myRead: 0,
    othersDelivered: 0,
    othersRead: 0,
    unreadBase: { seq: 0, count: 0 }, // the server's unread count as of seq
    marks: new Map(), // userId -> {delivered, read}: other members' watermarks from pushes
  };
}

export class Store {
  constructor(me) {
    this.me = me; // {userId, username}
    this.chats = new Map();
    this.orphans = new Map(); // pushes for chats not known yet, replayed when they are
    this.names = new Map(); // userId -> username of everyone met in a chat, former members too
    this.selectedId = null;
    this.listeners = new Set();
    this.dirty = new Set();
    this.notifying = false;
    this.onGap = () => {};
    this.onUnknown = () => {};
    this.onMembersChanged = () => {};
  }

  /** fn(chatIds) after each batch of changes; a null id means "not about one chat". */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(chatId = null) {
    this.dirty.add(chatId);
    if (this.notifying) return;
    this.notifying = true;
    queueMicrotask(() => {
      this.notifying = false;
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const fn of this.listeners) fn(ids);
    });
  }

  select(chatId) {
    if (this.selectedId === chatId) return;
    this.selectedId = chatId;
    this.changed(null);
  }

  selected() {
    const chat = this.chats.get(this.selectedId);
    return chat && chat.known ? chat : null;
  }

  /** A chat as in the chat list. A new chat starts its window at the summary's last message. */
  applySummary(summary) {
    let chat = this.chats.get(summary.chatId);
    const state = summary.state;
    if (!chat) {
      chat = newChat(summary.chatId);
      chat.held = state.lastSeq;
      chat.low = state.lastSeq + 1;
      if (summary.lastMessage && summary.lastMessage.seq === state.lastSeq) {
        chat.msgs.set(state.lastSeq, summary.lastMessage);
        chat.low = state.lastSeq;
      }
      chat.complete = chat.low <= 1;
      this.chats.set(chat.id, chat);
    }
    chat.known = true;
    chat.kind = summary.kind ?? 'direct';
    chat.members = summary.members;
    for (const user of summary.members) this.names.set(user.userId, user.username);
    chat.groupTitle = summary.title ?? null;
    chat.left = false;
    this.applyState(state);
    this.recomputeOthers(chat);
    if (state.lastSeq >= chat.unreadBase.seq) chat.unreadBase = { seq: state.lastSeq, count: summary.unread };
    chat.lastActivity = Math.max(chat.lastActivity, summary.lastActivity);
    if (summary.lastMessage) this.notePreview(chat, summary.lastMessage);
    this.replayOrphans(chat);
    this.changed(chat.id);
    return chat;
  }

  /**
   * A chat's state (from a sync page or a summary). A chat first met in a sync was left out of
   * its `since`, so the server sends all of it: it starts empty, at held 0.
   */
  applyState(state) {
    let chat = this.chats.get(state.chatId);
    if (!chat) {
      chat = newChat(state.chatId);
      this.chats.set(chat.id, chat);
      this.replayOrphans(chat);
      this.onUnknown(chat.id);
    }
    chat.lastSeq = Math.max(chat.lastSeq, state.lastSeq);
    chat.myDelivered = Math.max(chat.myDelivered, state.delivered);
    chat.myRead = Math.max(chat.myRead, state.read);
    chat.othersDelivered = Math.max(chat.othersDelivered, state.othersDelivered);
    chat.othersRead = Math.max(chat.othersRead, state.othersRead);
    this.changed(chat.id);
  }

  /** A message from a push, an ack, a sync or a gap fill. Duplicates (seq <= held) are dropped. */
  addMessage(message) {
    const chat = this.chats.get(message.chatId);
    if (!chat) {
      const waiting = this.orphans.get(message.chatId) ?? [];
      if (waiting.length < ORPHANS_PER_CHAT) waiting.push(message);
      this.orphans.set(message.chatId, waiting);
      this.onUnknown(message.chatId);
      return;
    }
    this.notePreview(chat, message);
    chat.lastSeq = Math.max(chat.lastSeq, message.seq);
    if (message.seq === chat.held + 1) {
      this.hold(chat, message);
      this.drain(chat);
    } else if (message.seq > chat.held + 1) {
      chat.ahead.set(message.seq, message);
      this.onGap(chat.id);
    }
    this.changed(chat.id);
  }

  /** An older page (history before `low`): extends the window downwards. */
  prependOlder(page) {
    const chat = this.chats.get(page.chatId);
    if (!chat) return;
    for (let i = page.messages.length - 1; i >= 0; i--) {
      const message = page.messages[i];
      if (message.seq === chat.low - 1) {
        chat.msgs.set(message.seq, message);
        chat.low = message.seq;
      }
    }
    if (!page.more || page.messages.length === 0 || chat.low <= 1) chat.complete = true;
    this.changed(chat.id);
  }

  /**
   * A member's receipt watermarks moved. The others' watermarks are the lowest over the other
   * members (in a group, ✓✓ means every other member has it), never below what the server's
   * ChatState said. In a chat with yourself, yours are the "others'" too.
   */
  applyWatermark(frame) {
    const chat = this.chats.get(frame.chatId);
    if (!chat) return;
    const mine = frame.userId === this.me.userId;
    if (mine) {
      chat.myDelivered = Math.max(chat.myDelivered, frame.delivered);
      chat.myRead = Math.max(chat.myRead, frame.read);
    }
    if (mine && this.isSelfChat(chat)) {
      chat.othersDelivered = Math.max(chat.othersDelivered, frame.delivered);
      chat.othersRead = Math.max(chat.othersRead, frame.read);
    } else if (!mine) {
      const before = chat.marks.get(frame.userId) ?? { delivered: 0, read: 0 };
      chat.marks.set(frame.userId, {
        delivered: Math.max(before.delivered, frame.delivered), read: Math.max(before.read, frame.read),
      });
      this.recomputeOthers(chat);
    }
    this.changed(chat.id);
  }

  recomputeOthers(chat) {
    const others = chat.members.filter((u) => u.userId !== this.me.userId);
    if (others.length === 0) return;
    const lowest = (kind) => Math.min(...others.map((u) => chat.marks.get(u.userId)?.[kind] ?? 0));
    chat.othersDelivered = Math.max(chat.othersDelivered, lowest('delivered'));
    chat.othersRead = Math.max(chat.othersRead, lowest('read'));
  }

  /** The highest seq held of every chat: the `since` of a sync. */
  since() {
    const since = {};
    for (const chat of this.chats.values()) since[chat.id] = chat.held;
    return since;
  }

  /** True while the chat has messages we know of but do not hold. */
  needsFill(chat) {
    return chat.ahead.size > 0 || chat.lastSeq > chat.held;
  }

  /** The window's messages in seq order. */
  messages(chat) {
    return [...chat.msgs.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Messages of others after my read watermark. */
  unread(chat) {
    const base = chat.myRead >= chat.unreadBase.seq ? 0 : chat.unreadBase.count;
    const after = Math.max(chat.unreadBase.seq, chat.myRead);
    let count = base;
    for (const [seq, message] of chat.msgs) {
      if (seq > after && message.senderId !== this.me.userId) count++;
    }
    return count;
  }

  /** Chats with known members that belong in the list, newest activity first. */
  sortedChats(hasPending = () => false) {
    return [...this.chats.values()].filter((c) => c.known && this.listed(c, hasPending(c.id)))
      .sort((a, b) => b.lastActivity - a.lastActivity || b.id - a.id);
  }

  /**
   * Whether a chat belongs in the chat list: a one-on-one chat only once it has a message (or one
   * waiting to be sent), or while it is open, as in WhatsApp; groups always.
   */
  listed(chat, pending) {
    return this.isGroup(chat) || chat.lastSeq > 0 || pending || chat.id === this.selectedId;
  }

  isGroup(chat) {
    return chat.kind === 'group';
  }

  /** The other member of a one-on-one chat (null for a group or a chat with yourself). */
  peer(chat) {
    if (this.isGroup(chat)) return null;
    return chat.members.find((u) => u.userId !== this.me.userId) ?? null;
  }

  /** A member's name as this user reads it: "You" for me. */
  memberName(chat, userId) {
    if (userId === this.me.userId) return 'You';
    return chat.members.find((u) => u.userId === userId)?.username ?? this.contactName(userId) ?? `user ${userId}`;
  }

  /** A user's name from any chat I know (or knew) them from. */
  contactName(userId) {
    return this.names.get(userId) ?? null;
  }

  /** Everyone I share a chat with, by name: the people a group can be made of. */
  contacts() {
    const byId = new Map();
    for (const chat of this.chats.values()) {
      if (chat.left) continue;
      for (const user of chat.members) if (user.userId !== this.me.userId) byId.set(user.userId, user);
    }
    return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  /** A group's title; else the other member's name; yours, marked, for a chat with yourself. */
  title(chat) {
    if (chat.groupTitle) return chat.groupTitle;
    const others = chat.members.filter((u) => u.userId !== this.me.userId).map((u) => u.username);
    return others.length ? others.join(', ') : `${this.me.username} (you)`;
  }

  isSelfChat(chat) {
    return chat.members.length > 0 && chat.members.every((u) => u.userId === this.me.userId);
  }

  /** sent, delivered or read: the ticks of one of my messages. */
  tick(chat, message) {
    if (message.seq <= chat.othersRead) return 'read';
    if (message.seq <= chat.othersDelivered) return 'delivered';
    return 'sent';
  }

  notePreview(chat, message) {
    if (!chat.last || message.seq > chat.last.seq) chat.last = message;
    chat.lastActivity = Math.max(chat.lastActivity, message.serverTime);
  }

  drain(chat) {
    for (const seq of chat.ahead.keys()) if (seq <= chat.held) chat.ahead.delete(seq);
    while (chat.ahead.has(chat.held + 1)) {
      const next = chat.ahead.get(chat.held + 1);
      chat.ahead.delete(next.seq);
      this.hold(chat, next);
    }
  }

  /** The next message in seq order joins the window; a group change applies to the chat. */
  hold(chat, message) {
    chat.msgs.set(message.seq, message);
    chat.held = message.seq;
    if (message.kind === 'system') this.applyEvent(chat, message.event ?? {});
  }

  /**
   * A group's system message, applied in seq order: a rename changes the title at once; a
   * membership change fetches the members again (the event names ids only); my own removal or
   * leaving ends sending in that chat.
   */
  applyEvent(chat, event) {
    if (event.title && (event.type === 'renamed' || event.type === 'created')) chat.groupTitle = event.title;
    const me = this.me.userId;
    const targets = event.targetIds ?? [];
    if ((event.type === 'removed' && targets.includes(me)) || (event.type === 'left' && targets[0] === me)) {
      chat.left = true;
    } else if (['added', 'removed', 'left', 'admin_granted', 'admin_revoked'].includes(event.type)) {
      if (event.type === 'added' && targets.includes(me)) chat.left = false;
      this.onMembersChanged(chat.id);
    }
  }

  replayOrphans(chat) {
    const waiting = this.orphans.get(chat.id);
    if (!waiting) return;
    this.orphans.delete(chat.id);
    for (const message of waiting) this.addMessage(message);
  }
}
