// views/chat-view.js: the right pane. The open chat's messages in seq order (never by time),
// mine on the right with ticks, unsent ones and uploads after them; scrolling to the top loads
// older pages; the composer sends on Enter and breaks lines on Shift+Enter.

import { h, formatTime, formatDay, dayKey } from './dom.js';
import { mountAttachments } from './attachments.js';
import { mountChatHeader } from './chat-header.js';
import { mediaNode } from './media-view.js';
import { renderText } from './message-text.js';
import { tickNode } from './ticks.js';

const NEAR_TOP_PX = 150;
const NEAR_BOTTOM_PX = 60;

export function mountChatView({ store, outbox, uploads, token, catchup, presence, typing, limits, onBack, onGroupInfo, onMessageInfo }) {
  const header = mountChatHeader({ store, presence, typing, onBack, onGroupInfo });
  const older = h('p', { class: 'older', 'data-testid': 'older-status' });
  const log = h('ol', { class: 'log', role: 'log', 'aria-labelledby': 'chat-title', 'data-testid': 'message-list' });
  const scroller = h('div', { class: 'scroller', tabindex: '0', 'aria-label': 'Messages' }, older, log);
  const textarea = h('textarea', {
    id: 'composer', rows: 1, placeholder: 'Type a message', 'data-testid': 'composer', enterkeyhint: 'send',
  });
  const sendButton = h('button', { type: 'submit', class: 'button button--send', 'data-testid': 'send' },
    h('span', { 'aria-hidden': 'true' }, '➤'), h('span', { class: 'visually-hidden' }, 'Send'));
  const composerError = h('p', { class: 'form-error composer__error', role: 'alert', 'data-testid': 'composer-error' });
  const chatEl = h('div', { class: 'chat', hidden: true, 'data-testid': 'chat' });
  const attachments = mountAttachments({
    store, uploads, dropTarget: chatEl,
    takeCaption: () => {
      const caption = textarea.value.trim();
      textarea.value = '';
      autosize();
      typing.sent();
      return caption;
    },
    onError: (message) => {
      composerError.textContent = message;
    },
  });
  const composer = h('form', { class: 'composer', 'aria-label': 'Write a message' },
    attachments.el,
    h('label', { for: 'composer', class: 'visually-hidden' }, 'Message'),
    textarea, sendButton);
  const leftNote = h('p', { class: 'composer composer--left', 'data-testid': 'left-note' },
    'You can no longer send messages to this group.');

  chatEl.append(header.el, scroller, composerError, attachments.recording, composer, leftNote);
  const emptyEl = h('div', { class: 'chat-empty' },
    h('img', { src: '/favicon.svg', alt: '', width: 72, height: 72 }),
    h('h2', {}, 'Parley for the web'),
    h('p', {}, 'Pick a chat on the left, or start a new one by username.'));
  const pane = h('main', { class: 'chat-pane', 'aria-label': 'Conversation' }, chatEl, emptyEl);

  let shownId = null;
  let nodes = new Map(); // key -> element; keys: m<seq>, p<clientMsgId>, u<upload id>, d<day>
  let firstSeq = null;
  let stickToBottom = true;

  scroller.addEventListener('scroll', () => {
    stickToBottom = isNearBottom();
    const chat = store.selected();
    if (chat && scroller.scrollTop < NEAR_TOP_PX) catchup.loadOlder(chat.id);
  });

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  textarea.addEventListener('input', () => {
    autosize();
    const chat = store.selected();
    if (chat && textarea.value.trim()) typing.typed(chat.id);
    else typing.stopped();
  });
  textarea.addEventListener('blur', () => typing.stopped());

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const chat = store.selected();
    const text = textarea.value;
    composerError.textContent = '';
    if (!chat || !text.trim()) return;
    const problem = tooLong(chat.id, text, limits());
    if (problem) {
      composerError.textContent = problem;
      return;
    }
    typing.sent();
    outbox.add(chat.id, text);
    textarea.value = '';
    autosize();
    stickToBottom = true;
    textarea.focus();
  });

  // The text must fit maxTextBytes, and the whole send frame, JSON escaping included, must fit
  // maxFrameBytes: a frame over it closes the connection, and the outbox would resend it forever.
  function tooLong(chatId, text, { maxTextBytes, maxFrameBytes }) {
    const encoder = new TextEncoder();
    const textBytes = encoder.encode(text).length;
    const frame = { type: 'send', clientMsgId: '00000000-0000-4000-8000-000000000000', chatId, text };
    const frameBytes = encoder.encode(JSON.stringify(frame)).length;
    if (textBytes <= maxTextBytes && frameBytes <= maxFrameBytes) return null;
    return `That message is too long (${textBytes} bytes; at most ${maxTextBytes}, fewer with many line breaks or quotes).`;
  }

  function autosize() {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
  }

  function isNearBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  }

  function render() {
    const chat = store.selected();
    chatEl.hidden = !chat;
    emptyEl.hidden = !!chat;
    if (!chat) {
      shownId = null;
      return;
    }
    if (chat.id !== shownId) {
      if (shownId !== null) typing.stopped();
      shownId = chat.id;
      nodes = new Map();
      firstSeq = null;
      stickToBottom = true;
      log.replaceChildren();
      composerError.textContent = '';
    }
    header.render(chat);
    composer.hidden = chat.left;
    leftNote.hidden = !chat.left;
    older.textContent = chat.loadingOlder ? 'Loading earlier messages…' : chat.complete ? 'This is the start of your chat.' : '';

    const prevHeight = scroller.scrollHeight;
    const prevTop = scroller.scrollTop;
    const messages = store.messages(chat);
    const prepended = firstSeq !== null && messages.length > 0 && messages[0].seq < firstSeq;
    firstSeq = messages.length ? messages[0].seq : null;

    const next = new Map();
    const items = [];
    let day = null;
    const place = (key, create, update) => {
      const el = nodes.get(key) ?? create();
      update?.(el);
      next.set(key, el);
      items.push(el);
    };
    for (const message of messages) {
      const key = dayKey(message.serverTime);
      if (key !== day) {
        day = key;
        place(`d${key}`, () => h('li', { class: 'day', role: 'presentation' }, h('span', {}, formatDay(message.serverTime))));
      }
      const mine = message.senderId === store.me.userId;
      const update = message.kind === 'system' ? (el) => updateSystem(el, message)
        : mine ? (el) => setTick(el, store.tick(chat, message)) : null;
      place(`m${message.seq}`, () => messageNode(message, mine), update);
    }
    for (const entry of outbox.forChat(chat.id)) {
      place(`p${entry.clientMsgId}`, () => pendingNode(entry), (el) => setPending(el, entry));
    }
    for (const entry of uploads.forChat(chat.id)) {
      place(`u${entry.id}`, () => attachments.uploadNode(entry), (el) => attachments.updateUpload(el, entry));
    }
    nodes = next;
    if (items.length !== log.children.length || items.some((el, i) => log.children[i] !== el)) {
      log.replaceChildren(...items);
    }

    if (stickToBottom) scroller.scrollTop = scroller.scrollHeight;
    else if (prepended) scroller.scrollTop = prevTop + (scroller.scrollHeight - prevHeight);
    if (!chat.complete && scroller.scrollHeight <= scroller.clientHeight + NEAR_TOP_PX) catchup.loadOlder(chat.id);
  }

  function messageNode(message, mine) {
    if (message.kind === 'system') return systemNode(message);
    const chat = store.chats.get(message.chatId);
    const group = chat && store.isGroup(chat);
    return h('li', { class: mine ? 'msg msg--mine' : 'msg msg--theirs', 'data-testid': 'message', dataset: { seq: message.seq } },
      group && !mine ? h('div', { class: 'msg__sender', 'data-testid': 'message-sender' }, store.memberName(chat, message.senderId)) : null,
      message.media ? mediaNode(message.media, token) : null,
      message.text || !message.media ? h('div', { class: 'msg__text', 'data-testid': 'message-text' }, renderText(message.text)) : null,
      h('div', { class: 'msg__meta' },
        mine ? h('button', {
          type: 'button', class: 'msg__info', 'data-testid': 'message-info-open',
          'aria-label': 'Message info', title: 'Message info',
          onclick: () => onMessageInfo(message),
        }, 'ⓘ') : null,
        h('time', { datetime: new Date(message.serverTime).toISOString() }, formatTime(message.serverTime))));
  }

  // A group's membership change, told in one line ("alice added bob"), centred like a day divider.
  function systemNode(message) {
    return h('li', { class: 'day', role: 'note', 'data-testid': 'system-message', dataset: { seq: message.seq } },
      h('span', {}, systemLine(message)));
  }

  // Names may arrive after the message (a member just added): the line is told again on each render.
  function updateSystem(el, message) {
    const line = systemLine(message);
    if (el.firstChild.textContent !== line) el.firstChild.textContent = line;
  }

  function systemLine(message) {
    const name = (id) => id === store.me.userId ? 'you'
      : (store.contactName(id) ?? `user ${id}`);
    const { type, actorId, targetIds = [], title } = message.event ?? {};
    const targets = targetIds.map(name).join(', ');
    const line = {
      created: `${name(actorId)} created the group “${title}”`,
      added: `${name(actorId)} added ${targets}`,
      removed: `${name(actorId)} removed ${targets}`,
      left: `${name(targetIds[0] ?? actorId)} left`,
      renamed: `${name(actorId)} renamed the group to “${title}”`,
      admin_granted: `${name(actorId)} made ${targets} an admin`,
      admin_revoked: `${name(actorId)} removed ${targets} as admin`,
    }[type] ?? 'The group changed';
    return line.startsWith('you ') ? `Y${line.slice(1)}` : line; // "You created…", but names as written
  }

  function setTick(el, state) {
    const meta = el.lastChild;
    const current = meta.querySelector('.tick');
    if (current?.dataset.state === state) return;
    const tick = tickNode(state);
    if (current) current.replaceWith(tick);
    else meta.append(tick);
  }

  function pendingNode(entry) {
    return h('li', { class: 'msg msg--mine msg--pending', 'data-testid': 'message', dataset: { pending: entry.clientMsgId } },
      entry.media ? mediaNode(entry.media, token) : null,
      entry.text || !entry.media ? h('div', { class: 'msg__text', 'data-testid': 'message-text' }, renderText(entry.text)) : null,
      h('div', { class: 'msg__meta' }));
  }

  function setPending(el, entry) {
    const state = entry.failed ? 'failed' : 'pending';
    if (el.dataset.state === state) return;
    el.dataset.state = state;
    const meta = el.lastChild;
    meta.replaceChildren();
    if (entry.failed) {
      meta.append(h('span', { class: 'msg__failure' }, entry.failed.message || 'Not sent'),
        h('button', { type: 'button', class: 'link-button', onclick: () => outbox.retry(entry.clientMsgId) }, 'Retry'),
        h('button', { type: 'button', class: 'link-button', onclick: () => outbox.discard(entry.clientMsgId) }, 'Delete'));
    }
    meta.append(tickNode(state));
  }

  function focusComposer() {
    textarea.focus();
  }

  render();
  return { pane, render, focusComposer };
}
