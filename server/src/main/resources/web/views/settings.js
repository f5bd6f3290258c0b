// views/settings.js: who may see my online status and last seen (everyone, my contacts, nobody;
// saved at once), how this page is connected (WebSocket or long polling), and log out.

import { h } from './dom.js';
import { openModal } from './modal.js';

const CHOICES = [
  ['everyone', 'Everyone I share a chat with'],
  ['contacts', 'My contacts (people I have a one-on-one chat with)'],
  ['nobody', 'Nobody (then I see nobody’s either)'],
];

/** privacy: {load(), save(value)}, each answering {presence}. */
export function openSettings({ privacy, conn, onLogout }) {
  const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'privacy-status' }, 'Loading…');
  const radios = CHOICES.map(([value, label]) => {
    const input = h('input', { type: 'radio', name: 'presence', id: `privacy-${value}`, value, disabled: true,
      'data-testid': `privacy-${value}` });
    input.addEventListener('change', () => save(value));
    return { input, row: h('div', { class: 'radio' }, input, h('label', { for: input.id }, label)) };
  });
  const transport = conn.transport === 'long-poll' ? 'long polling (WebSockets are unavailable here)' : 'WebSocket';
  const content = [
    h('fieldset', { class: 'picker' }, h('legend', {}, 'Who can see my online status and last seen'),
      radios.map((r) => r.row), status),
    h('p', { class: 'muted', 'data-testid': 'transport' }, conn.ready ? `Connected over ${transport}.` : 'Not connected.'),
    h('div', { class: 'form__actions' },
      h('button', { type: 'button', class: 'button button--danger', onclick: onLogout, 'data-testid': 'logout' }, 'Log out')),
  ];
  openModal({ title: 'Settings', content, testId: 'settings-dialog' });

  function show(value) {
    for (const { input } of radios) {
      input.checked = input.value === value;
      input.disabled = false;
    }
  }

  async function save(value) {
    status.textContent = 'Saving…';
    try {
      const answer = await privacy.save(value);
      show(answer.presence);
      status.textContent = 'Saved.';
    } catch (e) {
      status.textContent = e.message;
    }
  }

  privacy.load().then((answer) => {
    show(answer.presence);
    status.textContent = '';
    radios.find((r) => r.input.checked)?.input.focus();
  }).catch((e) => {
    status.textContent = e.message;
  });
}
