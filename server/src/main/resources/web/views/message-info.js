// views/message-info.js: "Message info" for one of my messages: member by member, read (and
// when), delivered (and when), or not yet; from the server's message-info API, fetched again
// while the dialog is open whenever the chat's receipts move.

import * as api from '../api.js';
import { h, formatWhen } from './dom.js';
import { openModal } from './modal.js';

const REFRESH_MS = 250;

export function openMessageInfo({ token, store, message }) {
  const list = h('ul', { class: 'info-list', 'data-testid': 'message-info-list', 'aria-busy': 'true' });
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading…');
  const quote = h('blockquote', { class: 'info-quote' }, message.text);
  let timer = null;
  let fetching = false;
  let again = false;
  const unsubscribe = store.subscribe((ids) => {
    if (ids.includes(message.chatId) && !timer) timer = setTimeout(load, REFRESH_MS);
  });
  openModal({
    title: 'Message info', content: [quote, status, list], testId: 'message-info-dialog',
    onClose: () => {
      unsubscribe();
      clearTimeout(timer);
    },
  });

  async function load() {
    timer = null;
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      show(await api.messageInfo(token, message.chatId, message.seq));
    } catch (e) {
      status.textContent = e.message;
    } finally {
      fetching = false;
      if (again) {
        again = false;
        load();
      }
    }
  }

  function show(info) {
    status.textContent = info.members.length ? '' : 'Nobody else was in the chat when you sent it.';
    list.removeAttribute('aria-busy');
    list.replaceChildren();
    for (const member of info.members) {
      const state = member.read ? 'read' : member.delivered ? 'delivered' : 'sent';
      const detail = member.read ? `Read ${formatWhen(member.readAt)}`
        : member.delivered ? `Delivered ${formatWhen(member.deliveredAt)}` : 'Not delivered yet';
      list.append(h('li', { class: 'info-list__item', 'data-testid': 'message-info-member', dataset: { state, username: member.username } },
        h('span', { class: 'info-list__name' }, member.username),
        h('span', { class: `info-list__state info-list__state--${state}`, 'data-testid': 'message-info-state' }, detail)));
    }
  }

  load();
}
