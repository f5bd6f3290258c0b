// views/status-banner.js: the connection state a person sees: "Connecting…" while there is no
// live connection, "Back online" for a moment after one returns.

import { h } from './dom.js';

const BACK_ONLINE_MS = 2500;

export function mountStatusBanner(conn) {
  const el = h('div', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'connection-status' });
  let everOnline = false;
  let hideTimer = null;

  function show(state, text) {
    clearTimeout(hideTimer);
    el.dataset.state = state;
    el.textContent = text;
    el.hidden = false;
  }

  function update(status) {
    if (status === 'online') {
      if (everOnline) {
        show('online', 'Back online');
        hideTimer = setTimeout(() => {
          el.hidden = true;
          el.dataset.state = 'online';
        }, BACK_ONLINE_MS);
      } else {
        el.hidden = true;
        el.dataset.state = 'online';
      }
      everOnline = true;
    } else if (status === 'stopped') {
      show('offline', 'Disconnected');
    } else if (!navigator.onLine) {
      show('offline', 'Offline. Messages will be sent when you are back online.');
    } else {
      show('connecting', everOnline ? 'Connection lost. Reconnecting…' : 'Connecting…');
    }
  }

  update(conn.status);
  conn.on('status', update);
  return el;
}
