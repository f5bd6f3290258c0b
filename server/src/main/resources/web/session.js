// session.js: this browser's login (the device token and who it belongs to), kept in
// localStorage so a reload stays logged in; and a notice to show on the login screen once.

const KEY = 'parley.session';
const NOTICE = 'parley.notice';

/** {token, userId, username, deviceId}, or null when logged out. */
export function loadSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY));
    return session && typeof session.token === 'string' && Number.isInteger(session.userId) ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  const { token, userId, username, deviceId } = session;
  localStorage.setItem(KEY, JSON.stringify({ token, userId, username, deviceId }));
}

export function clearSession() {
  localStorage.removeItem(KEY);
}

/** Leaves a message for the login screen after the page reloads (e.g. "you were logged out"). */
export function setNotice(text) {
  sessionStorage.setItem(NOTICE, text);
}

export function takeNotice() {
  const text = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return text;
}

/** How this device is labelled in the user's device list. */
export function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge'
    : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'a browser';
  return `Web, ${browser}`;
}
