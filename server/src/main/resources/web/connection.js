// connection.js: the one WebSocket to /ws. Authenticates with an auth frame, pings every
// heartbeatSeconds, treats 3 silent intervals as a dead link, and reconnects with exponential
// backoff and full jitter. Requests carry a ref and resolve with the answer of the same ref.
// Events: 'status' (connecting | online | offline | stopped), 'ready' (the ready frame, once
// per connection), 'frame' (every other frame), 'revoked' (the token is no longer valid).

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Full jitter: a random wait between 0 and min(cap, base * 2^attempt). */
export function backoffDelay(attempt, random = Math.random) {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export class Connection {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.ws = null;
    this.ready = false;
    this.status = 'connecting';
    this.generation = 0; // counts ready frames: which connection a send went out on
    this.limits = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.heartbeat = null;
    this.lastHeard = 0;
    this.refs = 0;
    this.pending = new Map();
    this.handlers = { status: [], ready: [], frame: [], revoked: [] };
    this.stopped = true;
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => this.drop());
  }

  on(event, handler) {
    this.handlers[event].push(handler);
  }

  emit(event, value) {
    for (const handler of this.handlers[event]) handler(value);
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
    this.setStatus('stopped');
  }

  /** Sends a frame that has no answer to wait for; false when not connected. */
  send(frame) {
    if (!this.ready) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a request with a fresh ref; resolves with the answer, rejects with an error frame's {code, message}. */
  request(frame) {
    if (!this.ready) return Promise.reject(Object.assign(new Error('offline'), { code: 'offline' }));
    const ref = `r${++this.refs}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(Object.assign(new Error('no answer'), { code: 'timeout' }));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer });
      this.ws.send(JSON.stringify({ ...frame, ref }));
    });
  }

  open() {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.ws) return;
    this.setStatus('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url, ['parley.v1']);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.token() }));
    ws.onmessage = (event) => this.receive(ws, event.data);
    ws.onclose = (event) => this.closed(ws, event.code, event.reason);
  }

  receive(ws, data) {
    if (ws !== this.ws) return;
    this.lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.ready = true;
      this.attempt = 0;
      this.generation++;
      this.limits = frame.limits ?? null;
      this.startHeartbeat(frame.heartbeatSeconds || 5);
      this.setStatus('online');
      this.emit('ready', frame);
      return;
    }
    const waiting = frame.ref != null && frame.type !== 'ack' ? this.pending.get(frame.ref) : null;
    if (waiting) {
      this.pending.delete(frame.ref);
      clearTimeout(waiting.timer);
      if (frame.type === 'error') waiting.reject(Object.assign(new Error(frame.message), { code: frame.code }));
      else waiting.resolve(frame);
      return;
    }
    this.emit('frame', frame);
  }

  startHeartbeat(seconds) {
    clearInterval(this.heartbeat);
    const ws = this.ws;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > 3 * seconds * 1000) {
        this.drop(); // nothing heard for 3 intervals: the link is dead even if the socket says otherwise
      } else if (ws.readyState === WebSocket.OPEN) {
        ws.send('{"type":"ping"}');
      }
    }, seconds * 1000);
  }

  /** Abandons the current socket at once (no waiting for a closing handshake) and reconnects. */
  drop() {
    const ws = this.ws;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close();
    } catch {
      // already closing
    }
    this.closed(ws, 1006, '');
  }

  closed(ws, code, reason) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.ready = false;
    clearInterval(this.heartbeat);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(Object.assign(new Error('disconnected'), { code: 'disconnected' }));
    }
    this.pending.clear();
    if (this.stopped) return;
    if (code === 1008 && (reason === 'session_revoked' || reason === 'unauthorized')) {
      this.stopped = true;
      this.setStatus('stopped');
      this.emit('revoked', reason);
      return;
    }
    this.scheduleRetry();
  }

  scheduleRetry() {
    this.setStatus('offline');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), backoffDelay(this.attempt++));
  }

  /** The browser says the network is back: try now instead of waiting out the backoff. */
  retryNow() {
    if (!this.stopped && !this.ws) this.open();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.emit('status', status);
  }
}
