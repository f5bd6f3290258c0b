// views/user-picker.js: choose people for a group: my contacts as checkboxes, and anyone else by
// username (looked up with resolveUser, which answers {userId, username} or throws with a
// message to show). Used to create a group and to add members.

import { h } from './dom.js';

export function mountUserPicker({ contacts, exclude = [], resolveUser, idPrefix }) {
  const chosen = new Map(); // userId -> checkbox
  const list = h('ul', { class: 'picker__list', 'data-testid': 'picker-list' });
  const empty = h('p', { class: 'muted' }, 'No contacts yet: add people by username.');
  const username = h('input', {
    id: `${idPrefix}-username`, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
    placeholder: 'Username', 'data-testid': 'picker-username',
  });
  const addButton = h('button', { type: 'button', class: 'button', 'data-testid': 'picker-add' }, 'Add');
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'picker-error' });

  function addRow(user, checked) {
    if (exclude.includes(user.userId)) return;
    const existing = chosen.get(user.userId);
    if (existing) {
      existing.checked = existing.checked || checked;
      return;
    }
    const box = h('input', { type: 'checkbox', id: `${idPrefix}-user-${user.userId}`, value: user.userId, checked });
    chosen.set(user.userId, box);
    list.append(h('li', { class: 'picker__item', 'data-testid': 'picker-item' },
      box, h('label', { for: box.id }, user.username)));
    empty.hidden = true;
  }
  for (const user of contacts) addRow(user, false);
  empty.hidden = chosen.size > 0;

  async function lookUp() {
    error.textContent = '';
    const name = username.value.trim();
    if (!name) {
      error.textContent = 'Enter a username to add.';
      username.focus();
      return;
    }
    addButton.disabled = true;
    try {
      const user = await resolveUser(name);
      if (exclude.includes(user.userId)) error.textContent = `${user.username} is already in the group.`;
      else addRow(user, true);
      username.value = '';
    } catch (e) {
      error.textContent = e.message || 'No user with that name.';
    } finally {
      addButton.disabled = false;
    }
  }
  addButton.addEventListener('click', lookUp);
  username.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      lookUp();
    }
  });

  const el = h('fieldset', { class: 'picker' },
    h('legend', {}, 'People'),
    list, empty,
    h('label', { for: username.id, class: 'picker__label' }, 'Add someone by username'),
    h('div', { class: 'new-chat__row' }, username, addButton),
    error);

  return {
    el,
    selectedIds: () => [...chosen].filter(([, box]) => box.checked).map(([id]) => id),
  };
}
