// app.js: starts the web client. Logged out: the login screen. Logged in: the store, the
// connection and the modules that keep the store right (catch-up, outbox, receipts), and the
// two panes. The selected chat lives in the URL hash (#chat=12), so Back works on phones.

import * as api from './api.js';
import { Catchup } from './catchup.js';
import { Connection } from './connection.js';
import { Outbox } from './outbox.js';
import { Receipts } from './receipts.js';
import { clearSession, loadSession, saveSession, setNotice, takeNotice } from './session.js';
import { Store } from './store.js';
import { h } from './views/dom.js';
import { mountChatList } from './views/chat-list.js';
import { mountChatView } from './views/chat-view.js';
import { mountLogin } from './views/login.js';
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
  const catchup = new Catchup(conn, store);
  const receipts = new Receipts(conn, store);
  store.onGap = (chatId) => catchup.fillGap(chatId);
  store.onUnknown = () => catchup.refreshList();

  conn.on('ready', () => {
    receipts.reset();
    outbox.flush();
    catchup.onReady();
  });
  conn.on('frame', (frame) => {
    switch (frame.type) {
      case 'message':
        outbox.onStored(frame.message);
        store.addMessage(frame.message);
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

  function openChat(chatId) {
    if (location.hash !== `#chat=${chatId}`) location.hash = `chat=${chatId}`;
    store.select(chatId);
    render();
    chatView.focusComposer();
  }

  const banner = mountStatusBanner(conn);
  const chatList = mountChatList({ store, outbox, banner, onOpenChat: openChat, onNewChat: newChat, onLogout: logout });
  const chatView = mountChatView({
    store, outbox, catchup,
    limits: () => ({ maxTextBytes: 61440, maxFrameBytes: 65536, ...conn.limits }),
    onBack: () => {
      const id = store.selectedId;
      location.hash = '';
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
    const unread = store.sortedChats().reduce((n, chat) => n + store.unread(chat), 0);
    document.title = unread ? `(${unread}) Parley` : 'Parley';
    app.classList.toggle('app--chat-open', store.selected() !== null);
    chatList.render();
    chatView.render();
    receipts.schedule();
  }
  store.subscribe(render);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && store.selectedId !== null && !event.defaultPrevented) {
      chatView.pane.querySelector('.back').click();
    }
  });
  conn.start();
}
