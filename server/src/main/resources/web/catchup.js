// catchup.js: getting and staying complete. After every `ready`: the chat list (for names and
// where each chat stands), then the paged sync from what the store holds. Gaps that live pushes
// leave are filled with history after=held; scrolling up loads history before the oldest shown.
// Every step is safe to repeat: the store drops what it already holds.

const GAP_PAGE = 200;
const OLDER_PAGE = 50;
const RETRY_MS = 3000;

export class Catchup {
  constructor(conn, store) {
    this.conn = conn;
    this.store = store;
    this.filling = new Set();
    this.listTimer = null;
    this.onSynced = () => {};
  }

  /** Runs on every ready: list, then sync until `next` is absent. Retried while this connection lives. */
  async onReady() {
    const generation = this.conn.generation;
    try {
      await this.loadChatList();
      await this.syncAll();
      this.onSynced();
      for (const chat of this.store.chats.values()) {
        if (this.store.needsFill(chat)) this.fillGap(chat.id);
      }
    } catch (error) {
      if (error.code === 'disconnected' || error.code === 'offline') return; // the next ready runs it again
      console.warn('catch-up failed; retrying', error);
      setTimeout(() => {
        if (this.conn.ready && this.conn.generation === generation) this.onReady();
      }, RETRY_MS);
    }
  }

  async loadChatList() {
    let before;
    do {
      const answer = await this.conn.request({ type: 'list_chats', before, limit: 100 });
      for (const summary of answer.page.chats) this.store.applySummary(summary);
      before = answer.page.next;
    } while (before != null);
  }

  /** The paged sync; each page asks with `since` raised to what the store now holds. */
  async syncAll() {
    let fromChat;
    do {
      const answer = await this.conn.request({ type: 'sync', since: this.store.since(), fromChat });
      for (const state of answer.chats) this.store.applyState(state);
      for (const message of answer.messages) this.store.addMessage(message);
      fromChat = answer.next;
    } while (fromChat != null);
  }

  /** A chat we do not know yet (a first message from someone): fetch the list, once per burst. */
  refreshList() {
    if (this.listTimer || !this.conn.ready) return;
    this.listTimer = setTimeout(async () => {
      this.listTimer = null;
      try {
        await this.loadChatList();
      } catch {
        // the next ready loads it again
      }
    }, 50);
  }

  /** Fetches history after=held until the chat holds everything it knows of. */
  async fillGap(chatId) {
    if (this.filling.has(chatId) || !this.conn.ready) return;
    this.filling.add(chatId);
    try {
      for (;;) {
        const chat = this.store.chats.get(chatId);
        if (!chat || !this.store.needsFill(chat)) break;
        const answer = await this.conn.request({ type: 'history', chatId, after: chat.held, limit: GAP_PAGE });
        for (const message of answer.page.messages) this.store.addMessage(message);
        if (answer.page.messages.length === 0) break;
      }
    } catch {
      // a reconnect's sync fills it instead
    } finally {
      this.filling.delete(chatId);
    }
  }

  /** Endless scroll back: the page before the oldest message shown. */
  async loadOlder(chatId) {
    const chat = this.store.chats.get(chatId);
    if (!chat || chat.complete || chat.loadingOlder || !this.conn.ready) return;
    chat.loadingOlder = true;
    this.store.changed(chatId);
    try {
      const answer = await this.conn.request({ type: 'history', chatId, before: chat.low, limit: OLDER_PAGE });
      this.store.prependOlder(answer.page);
    } catch {
      // scrolling again retries
    } finally {
      chat.loadingOlder = false;
      this.store.changed(chatId);
    }
  }
}
