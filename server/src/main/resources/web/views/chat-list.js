// views/chat-list.js: the left pane. Who I am, a new group, settings (and log out there); the connection
// state; a box to open a chat by username; and my chats, newest activity first, with the last
// message (or "typing…"), the unread count, and a dot on the avatar of a contact who is online.

import { h, initial, formatListTime } from './dom.js';
import { tickNode } from './ticks.js';

export function mountChatList({ store, outbox, presence, typing, banner, onOpenChat, onNewChat, onNewGroup, onSettings }) {
  const list = h('ul', { class: 'chats', 'aria-label': 'Chats', 'data-testid': 'chat-list' });
  const empty = h('p', { class: 'chats__empty' }, 'No chats yet. Start one with a username above.');
  const input = h('input', {
    id: 'new-chat-username', name: 'username', placeholder: 'Username', autocomplete: 'off',
    autocapitalize: 'none', spellcheck: 'false', required: true, 'data-testid': 'new-chat-username',
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'new-chat-error' });
  const button = h('button', { type: 'submit', class: 'button button--primary', 'data-testid': 'new-chat-submit' }, 'Chat');
  const form = h('form', { class: 'new-chat', 'aria-label': 'Start a chat' },
    h('label', { for: 'new-chat-username', class: 'new-chat__label' }, 'New chat with'),
    h('div', { class: 'new-chat__row' }, input, button),
    error);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = input.value.trim();
    error.textContent = '';
    if (!username) {
      error.textContent = 'Enter the username of the person to chat with.';
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await onNewChat(username);
      input.value = '';
    } catch (e) {
      error.textContent = e.message || 'Could not open that chat.';
    } finally {
      button.disabled = false;
    }
  });

  const pane = h('nav', { class: 'list-pane', 'aria-label': 'Chats and account' },
    h('header', { class: 'bar' },
      h('div', { class: 'avatar avatar--me', 'aria-hidden': 'true' }, initial(store.me.username)),
      h('span', { class: 'bar__title', 'data-testid': 'me' }, store.me.username),
      h('button', { type: 'button', class: 'button button--quiet', onclick: onNewGroup, 'data-testid': 'new-group' }, 'New group'),
      h('button', { type: 'button', class: 'button button--quiet', onclick: onSettings, 'data-testid': 'settings' }, 'Settings')),
    banner,
    form,
    list,
    empty);

  const items = new Map(); // chatId -> <li>

  // Up and Down move between chats, Home and End to the first and last, as in a list box.
  list.addEventListener('keydown', (event) => {
    const buttons = [...list.querySelectorAll('.chat-item')];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined || !buttons[next]) return;
    event.preventDefault();
    buttons[next].focus();
  });

  function render() {
    const chats = store.sortedChats((chatId) => outbox.forChat(chatId).length > 0);
    empty.hidden = chats.length > 0;
    const nodes = chats.map((chat) => {
      const li = items.get(chat.id) ?? createItem(chat);
      items.set(chat.id, li);
      updateItem(li, chat);
      return li;
    });
    if (nodes.length !== list.children.length || nodes.some((n, i) => list.children[i] !== n)) {
      const focused = document.activeElement;
      list.replaceChildren(...nodes);
      if (focused && list.contains(focused)) focused.focus();
    }
  }

  function createItem(chat) {
    const button = h('button', { type: 'button', class: 'chat-item', 'data-testid': 'chat-item', dataset: { chatId: chat.id } });
    button.addEventListener('click', () => onOpenChat(chat.id));
    return h('li', {}, button);
  }

  function updateItem(li, chat) {
    const button = li.firstChild;
    const title = store.title(chat);
    const unread = store.selectedId === chat.id ? 0 : store.unread(chat);
    const pending = outbox.forChat(chat.id);
    const latestPending = pending[pending.length - 1];
    const last = chat.last;
    const preview = h('span', { class: 'chat-item__preview', 'data-testid': 'chat-preview' });
    const typers = typing.typers(chat.id).filter((id) => id !== store.me.userId);
    if (typers.length) {
      preview.append(h('span', { class: 'typing' }, store.isGroup(chat)
        ? `${store.memberName(chat, typers[0])} is typing…` : 'typing…'));
    } else if (latestPending) {
      preview.append(tickNode(latestPending.failed ? 'failed' : 'pending'), describe(latestPending));
    } else if (last) {
      if (last.senderId === store.me.userId) preview.append(tickNode(store.tick(chat, last)));
      if (store.isGroup(chat) && last.kind !== 'system') preview.append(`${store.memberName(chat, last.senderId)}: `);
      preview.append(last.kind === 'system' ? h('span', { class: 'muted' }, 'Group updated') : describe(last));
    } else {
      preview.append(h('span', { class: 'muted' }, 'No messages yet'));
    }
    button.dataset.username = title;
    if (store.selectedId === chat.id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    const peer = store.peer(chat);
    const online = peer !== null && presence.isOnline(peer.userId);
    button.replaceChildren(...[
      h('span', { class: store.isGroup(chat) ? 'avatar avatar--group' : 'avatar', 'aria-hidden': 'true' }, initial(title),
        online ? h('span', { class: 'avatar__online', 'data-testid': 'online-dot' }) : null),
      online ? h('span', { class: 'visually-hidden' }, 'online, ') : null,
      h('span', { class: 'chat-item__body' },
        h('span', { class: 'chat-item__top' },
          h('span', { class: 'chat-item__name', 'data-testid': 'chat-name' }, title),
          h('span', { class: unread ? 'chat-item__time chat-item__time--unread' : 'chat-item__time' },
            formatListTime(chat.lastActivity))),
        h('span', { class: 'chat-item__bottom' },
          preview,
          unread ? h('span', { class: 'badge', 'data-testid': 'unread-badge', dataset: { count: unread } },
            unread > 99 ? '99+' : String(unread), h('span', { class: 'visually-hidden' }, ' unread')) : null)),
    ].filter(Boolean));
  }

  /** Moves focus to a chat's entry (after going back from it on a phone). */
  function focusChat(chatId) {
    items.get(chatId)?.firstChild.focus();
  }

  render();
  return { pane, render, focusChat };
}

const MEDIA_LABELS = { image: 'Photo', video: 'Video', voice: 'Voice note', file: 'File' };

/** A message as one line: its text, or what its media is (with the caption). */
function describe(message) {
  if (!message.media) return message.text;
  const label = MEDIA_LABELS[message.media.kind] ?? MEDIA_LABELS.file;
  return message.text ? `${label}: ${message.text}` : label;
}
