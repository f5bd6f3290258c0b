// views/new-group.js: the "New group" dialog: a title and the people to add. The server checks
// everything again (title rules, users that exist, the size limit) and its message is shown.

import * as api from '../api.js';
import { h } from './dom.js';
import { openModal } from './modal.js';
import { mountUserPicker } from './user-picker.js';

export function openNewGroup({ token, store, resolveUser, onCreated }) {
  const title = h('input', { id: 'group-title', maxlength: 100, required: true, 'data-testid': 'group-title' });
  const picker = mountUserPicker({ contacts: store.contacts(), resolveUser, idPrefix: 'new-group' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-error' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', 'data-testid': 'group-create' }, 'Create group');
  const form = h('form', { class: 'form', novalidate: true },
    h('label', { for: 'group-title' }, 'Group name'), title, picker.el, error,
    h('div', { class: 'form__actions' }, submit));

  const modal = openModal({ title: 'New group', content: form, testId: 'new-group-dialog' });
  title.focus();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const memberIds = picker.selectedIds();
    if (!title.value.trim()) {
      error.textContent = 'Give the group a name.';
      title.focus();
      return;
    }
    if (memberIds.length === 0) {
      error.textContent = 'Choose at least one person.';
      return;
    }
    submit.disabled = true;
    try {
      const summary = await api.createGroup(token, title.value.trim(), memberIds);
      modal.close();
      onCreated(summary);
    } catch (e) {
      error.textContent = e.message;
      submit.disabled = false;
    }
  });
}
