// views/chat-header.js: the open chat's bar: back (phones), avatar, name, and the line under it:
// "typing…" while someone types; for a one-on-one chat "online" or "last seen …" (when the
// contact's privacy lets me see it); for a group its members. The name opens the group's info.

import { h, initial, formatLastSeen } from './dom.js';

export function mountChatHeader({ store, presence, typing, onBack, onGroupInfo }) {
  const title = h('h2', { class: 'bar__title', id: 'chat-title', 'data-testid': 'chat-title' });
  const subtitle = h('p', { class: 'bar__subtitle', 'data-testid': 'chat-subtitle', 'aria-live': 'polite' });
  const avatar = h('span', { class: 'avatar', 'aria-hidden': 'true' });
  const back = h('button', { type: 'button', class: 'button button--quiet back', onclick: onBack, 'data-testid': 'back' },
    h('span', { 'aria-hidden': 'true' }, '←'), h('span', { class: 'visually-hidden' }, 'Back to chats'));
  const info = h('button', {
    type: 'button', class: 'button button--quiet', 'data-testid': 'group-info-open',
    onclick: () => onGroupInfo(store.selectedId),
  }, 'Group info');
  const el = h('header', { class: 'bar' }, back, avatar, h('div', { class: 'bar__names' }, title, subtitle), info);

  function render(chat) {
    const name = store.title(chat);
    title.textContent = name;
    avatar.textContent = initial(name);
    info.hidden = !store.isGroup(chat) || chat.left;
    const line = subtitleOf(chat);
    subtitle.textContent = line.text;
    subtitle.dataset.state = line.state;
  }

  function subtitleOf(chat) {
    const typers = typing.typers(chat.id).filter((id) => id !== store.me.userId);
    if (typers.length && !store.isGroup(chat)) return { state: 'typing', text: 'typing…' };
    if (typers.length) {
      const names = typers.map((id) => store.memberName(chat, id));
      const who = names.length === 1 ? `${names[0]} is` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are`;
      return { state: 'typing', text: `${who} typing…` };
    }
    if (store.isGroup(chat)) {
      if (chat.left) return { state: 'left', text: 'You are no longer a member' };
      const names = chat.members.map((u) => (u.userId === store.me.userId ? 'You' : u.username));
      return { state: 'members', text: names.join(', ') };
    }
    const peer = store.peer(chat);
    const seen = peer ? presence.of(peer.userId) : null;
    if (seen?.online) return { state: 'online', text: 'online' };
    if (seen?.lastSeen) return { state: 'last-seen', text: formatLastSeen(seen.lastSeen) };
    return { state: 'none', text: '' };
  }

  return { el, render };
}
