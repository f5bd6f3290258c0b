// app.js: starts the web client. Logged out: the login screen. Logged in: the store, the
// connection and the modules that keep the store right (catch-up, outbox, receipts, presence,
// typing), the two panes and the dialogs (new group, group info, message info, settings). The
// selected chat lives in the URL hash (#chat=12), so Back works on phones.

import * as api from './api.js';
import { Catchup } from './catchup.js';
import { Connection } from './connection.js';
import { clearMediaCookie, whenMediaCookie } from './media/cookie.js';
import { Uploads } from './media/uploads.js';
import { Outbox } from './outbox.js';
import { Presence } from './presence.js';
import { Receipts } from './receipts.js';
import { Typing } from './typing.js';
import { clearSession, loadSession, saveSession, setNotice, takeNotice } from './session.js';
import { Store } from './store.js';
import { h } from './views/dom.js';
import { mountChatList } from './views/chat-list.js';
import { mountChatView } from './views/chat-view.js';
import { openGroupInfo } from './views/group-info.js';
import { mountLogin } from './views/login.js';
import { openMessageInfo } from './views/message-info.js';
import { modalOpen } from './views/modal.js';
import { openNewGroup } from './views/new-group.js';
import { openSettings } from './views/settings.js';
import { mountStatusBanner } from './views/status-banner.js';

const root = document.getElementById('root');
const session = loadSession();
if (session) startChat(session);
else showLogin(takeNotice());

function showLogin(notice) {
  root.replaceChildren();
  mountLogin(root, {
    notice,
    onSession(newSession) {
      saveSession(newSession);
      location.hash = '';
      startChat(newSession);
    },
  });
}

function startChat(session) {
  const store = new Store({ userId: session.userId, username: session.username });
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const conn = new Connection(`${scheme}//${location.host}/ws`, () => session.token);
  const outbox = new Outbox(conn, store);
  const uploads = new Uploads(session.token, outbox, (chatId) => store.changed(chatId));
  const catchup = new Catchup(conn, store);
  const receipts = new Receipts(conn, store);
  const privacy = {
    load: () => api.getPrivacy(session.token),
    save: (value) => api.setPrivacy(session.token, value),
  };
  const presence = new Presence(() => store.changed(null));
  const typing = new Typing(conn, (chatId) => store.changed(chatId));
  store.onGap = (chatId) => catchup.fillGap(chatId);
  store.onUnknown = () => catchup.refreshList();
  store.onMembersChanged = () => catchup.refreshList();

  conn.on('ready', () => {
    app.dataset.transport = conn.transport;
    whenMediaCookie(session.token).catch(() => {}); // retried by the next picture shown
    presence.reset();
    typing.reset();
    receipts.reset();
    outbox.flush();
    catchup.onReady();
  });
  conn.on('frame', (frame) => {
    switch (frame.type) {
      case 'message':
        outbox.onStored(frame.message);
        typing.onMessage(frame.message);
        store.addMessage(frame.message);
        break;
      case 'presence':
        presence.apply(frame);
        break;
      case 'typing':
        typing.apply(frame);
        break;
      case 'ack':
        outbox.onAck(frame);
        break;
      case 'watermark':
        store.applyWatermark(frame);
        break;
      case 'error':
        if (!outbox.onError(frame)) console.warn('server error', frame.code, frame.message);
        break;
      default:
        break; // pong, and frame types this version does not know
    }
  });
  conn.on('revoked', (reason) => {
    clearSession();
    setNotice(reason === 'session_revoked' ? 'This device was logged out. Log in again.'
      : 'Your session has ended. Log in again.');
    location.replace('/');
  });

  async function logout() {
    conn.stop();
    await clearMediaCookie();
    try {
      await api.logout(session.token);
    } catch {
      // the token goes from this browser either way
    }
    clearSession();
    location.replace('/');
  }

  async function newChat(username) {
    const summary = await api.openDirect(session.token, username);
    store.applySummary(summary);
    openChat(summary.chatId);
  }

  // A user by name, for a group: a contact I know, else the server's answer to opening a
  // one-on-one chat with them (the other user learns nothing of it until a message is sent).
  async function resolveUser(username) {
    const known = store.contacts().find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (known) return known;
    const summary = await api.openDirect(session.token, username);
    store.applySummary(summary);
    const user = summary.members.find((u) => u.userId !== store.me.userId);
    if (!user) throw new Error('That is you: you are in the group already.');
    return user;
  }

  function openChat(chatId) {
    if (location.hash !== `#chat=${chatId}`) location.hash = `chat=${chatId}`;
    store.select(chatId);
    render();
    chatView.focusComposer();
  }

  const banner = mountStatusBanner(conn);
  const token = session.token;
  const chatList = mountChatList({
    store, outbox, presence, typing, banner,
    onOpenChat: openChat,
    onNewChat: newChat,
    onNewGroup: () => openNewGroup({
      token, store, resolveUser,
      onCreated: (summary) => {
        store.applySummary(summary);
        openChat(summary.chatId);
      },
    }),
    onSettings: () => openSettings({ privacy, conn, onLogout: logout }),
  });
  const chatView = mountChatView({
    store, outbox, uploads, token, catchup, presence, typing,
    limits: () => ({ maxTextBytes: 61440, maxFrameBytes: 65536, ...conn.limits }),
    onGroupInfo: (chatId) => openGroupInfo({ token, store, chatId, resolveUser }),
    onMessageInfo: (message) => openMessageInfo({ token, store, message }),
    onBack: () => {
      const id = store.selectedId;
      location.hash = '';
      store.select(null);
      render(); // now, so that the list is shown (on a phone) before it takes the focus
      chatList.focusChat(id);
    },
  });
  const app = h('div', { class: 'app', 'data-testid': 'app' }, chatList.pane, chatView.pane);
  root.replaceChildren(app);

  function selectFromHash() {
    const match = /^#chat=(\d+)$/.exec(location.hash);
    store.select(match ? Number(match[1]) : null);
  }
  window.addEventListener('hashchange', selectFromHash);
  selectFromHash();

  function render() {
    const unread = [...store.chats.values()].reduce((n, chat) => n + (chat.known ? store.unread(chat) : 0), 0);
    document.title = unread ? `(${unread}) Parley` : 'Parley';
    app.classList.toggle('app--chat-open', store.selected() !== null);
    chatList.render();
    chatView.render();
    receipts.schedule();
  }
  store.subscribe(render);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && store.selectedId !== null && !event.defaultPrevented && !modalOpen()) {
      chatView.pane.querySelector('.back').click();
    }
  });
  conn.start();
}
