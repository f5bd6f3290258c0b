// views/group-info.js: a group's members and roles, and what I may do with them: rename and add
// or remove members (admins; adding also for everyone when the group allows it), make or unmake
// admins, and leave. Every change goes to the server; the chat shows it as a system message.

import * as api from '../api.js';
import { h } from './dom.js';
import { openModal } from './modal.js';
import { mountUserPicker } from './user-picker.js';

export function openGroupInfo({ token, store, chatId, resolveUser }) {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-info-error' });
  const content = h('div', { class: 'group-info', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const modal = openModal({ title: 'Group info', content: [content, error], testId: 'group-info-dialog' });

  async function run(action) {
    error.textContent = '';
    try {
      const members = await action();
      if (members) render(members);
      return true;
    } catch (e) {
      error.textContent = e.message;
      return false;
    }
  }

  function render(group) {
    const me = group.members.find((m) => m.userId === store.me.userId);
    const admin = me?.role === 'admin';
    const parts = [];

    const title = h('input', { id: 'group-info-title', value: group.title, maxlength: 100, disabled: !admin,
      'data-testid': 'group-info-title' });
    const rename = h('form', { class: 'form', 'aria-label': 'Group name' },
      h('label', { for: title.id }, 'Group name'),
      h('div', { class: 'new-chat__row' }, title,
        admin ? h('button', { type: 'submit', class: 'button', 'data-testid': 'group-rename' }, 'Rename') : null));
    rename.addEventListener('submit', (event) => {
      event.preventDefault();
      run(() => api.renameGroup(token, chatId, title.value.trim()));
    });
    parts.push(rename);

    parts.push(h('h3', {}, `${group.members.length} members`));
    parts.push(h('ul', { class: 'info-list', 'data-testid': 'group-members' }, group.members.map((m) => {
      const mine = m.userId === store.me.userId;
      return h('li', { class: 'info-list__item', 'data-testid': 'group-member', dataset: { username: m.username, role: m.role } },
        h('span', { class: 'info-list__name' }, mine ? `${m.username} (you)` : m.username),
        m.role === 'admin' ? h('span', { class: 'pill' }, 'Admin') : null,
        admin && !mine ? h('button', {
          type: 'button', class: 'link-button', 'data-testid': 'group-toggle-admin',
          onclick: () => run(() => api.setAdmin(token, chatId, m.userId, m.role !== 'admin')),
        }, m.role === 'admin' ? 'Dismiss as admin' : 'Make admin') : null,
        admin && !mine ? h('button', {
          type: 'button', class: 'link-button', 'data-testid': 'group-remove', 'aria-label': `Remove ${m.username}`,
          onclick: () => run(async () => {
            await api.removeMember(token, chatId, m.userId);
            return api.groupMembers(token, chatId);
          }),
        }, 'Remove') : null);
    })));

    if (admin || group.membersCanAdd) {
      const picker = mountUserPicker({
        contacts: store.contacts(), exclude: group.members.map((m) => m.userId), resolveUser, idPrefix: 'group-add',
      });
      const add = h('button', { type: 'button', class: 'button button--primary', 'data-testid': 'group-add-members' }, 'Add to group');
      add.addEventListener('click', () => {
        const ids = picker.selectedIds();
        if (ids.length === 0) {
          error.textContent = 'Choose who to add.';
          return;
        }
        run(() => api.addMembers(token, chatId, ids));
      });
      parts.push(picker.el, h('div', { class: 'form__actions' }, add));
    }

    const leave = h('button', { type: 'button', class: 'button button--danger', 'data-testid': 'group-leave' }, 'Leave group');
    leave.addEventListener('click', async () => {
      if (leave.dataset.confirm !== 'yes') {
        leave.dataset.confirm = 'yes';
        leave.textContent = 'Leave? Click again to confirm';
        return;
      }
      if (await run(() => api.leaveGroup(token, chatId))) modal.close();
    });
    parts.push(h('div', { class: 'form__actions' }, leave));

    content.removeAttribute('aria-busy');
    content.replaceChildren(...parts);
  }

  run(() => api.groupMembers(token, chatId));
}
