// media/cookie.js: <img>, <video> and <audio> cannot send the bearer token, so downloads use an
// HttpOnly cookie scoped to /api/media, set by POST /api/media/cookie. Media elements wait for it
// (whenMediaCookie) before they get their src; a failed attempt is retried on the next call.

let pending = null;

export function whenMediaCookie(token) {
  if (!pending) {
    pending = fetch('/api/media/cookie', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      })
      .catch((error) => {
        pending = null;
        throw error;
      });
  }
  return pending;
}

/** Logging out: the cookie goes too. */
export function clearMediaCookie() {
  pending = null;
  return fetch('/api/media/cookie', { method: 'DELETE', cache: 'no-store' }).catch(() => {});
}
