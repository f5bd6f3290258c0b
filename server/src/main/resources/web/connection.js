// connection.js: the live link to the server, over a WebSocket or, where one cannot be opened,
// over long polling (transport/). Pings every heartbeatSeconds, treats 3 silent intervals as a
// dead link, and reconnects with exponential backoff and full jitter. Requests carry a ref and
// resolve with the answer of the same ref. Events: 'status' (connecting | online | offline |
// stopped), 'ready' (the ready frame, once per link), 'frame' (every other frame), 'revoked'
// (the token is no longer valid).
//
// Fallback: a WebSocket that fails twice in a row before its ready frame (a proxy or firewall that
// refuses it, or accepts it and passes nothing), or a browser without WebSocket, switches to long
// polling. If long polling cannot
// open its session either, the server itself is away, and the next attempt tries a WebSocket again.

import { PollLink } from './transport/poll-link.js';
import { WsLink } from './transport/ws-link.js';

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;
const WS_FAILURES_BEFORE_FALLBACK = 2;
const READY_TIMEOUT_MS = 10_000;

/** Full jitter: a random wait between 0 and min(cap, base * 2^attempt). */
export function backoffDelay(attempt, random = Math.random) {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export class Connection {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.link = null;
    this.ready = false;
    this.status = 'connecting';
    this.transport = null; // 'websocket' | 'long-poll' of the live link
    this.wsFailures = 0;
    this.polling = typeof window.WebSocket !== 'function';
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

  /**
   * Sends a frame that has no answer to wait for; false when not connected. Every frame but a
   * send gets a ref, so that an error about it is never mistaken for the end of the link.
   */
  send(frame) {
    if (!this.ready) return false;
    this.link.send(frame.type === 'send' || frame.ref ? frame : { ...frame, ref: `f${++this.refs}` });
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
      this.link.send({ ...frame, ref });
    });
  }

  open() {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.link) return;
    this.setStatus('connecting');
    const handlers = {
      onFrame: (frame) => this.receive(link, frame),
      onClose: (close) => this.closed(link, close),
    };
    let link;
    try {
      link = this.polling ? new PollLink(this.token, handlers) : new WsLink(this.url, this.token, handlers);
    } catch {
      this.polling = true; // no usable WebSocket in this browser
      link = new PollLink(this.token, handlers);
    }
    this.link = link;
    setTimeout(() => {
      if (this.link === link && !this.ready) link.close(); // opened, but no ready: as good as blocked
    }, READY_TIMEOUT_MS);
  }

  receive(link, frame) {
    if (link !== this.link) return;
    this.lastHeard = Date.now();
    if (frame.type === 'ready') {
      link.reachedReady = true;
      this.ready = true;
      this.attempt = 0;
      this.wsFailures = 0;
      this.generation++;
      this.transport = link.kind;
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
    const link = this.link;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > 3 * seconds * 1000) {
        this.drop(); // nothing heard for 3 intervals: the link is dead even if it says otherwise
      } else {
        link.send({ type: 'ping' });
      }
    }, seconds * 1000);
  }

  /** Abandons the current link at once and reconnects. */
  drop() {
    this.link?.close();
  }

  closed(link, { code, reason, opened }) {
    if (link !== this.link) return;
    this.link = null;
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
    this.chooseTransport(link, link.kind === 'websocket' ? link.reachedReady === true : opened);
    this.scheduleRetry();
  }

  /** worked: a WebSocket got its ready; a long-poll link opened its session. */
  chooseTransport(link, worked) {
    if (link.kind === 'websocket') {
      this.wsFailures = worked ? 0 : this.wsFailures + 1;
      if (this.wsFailures >= WS_FAILURES_BEFORE_FALLBACK && navigator.onLine) this.polling = true;
    } else if (!worked && typeof window.WebSocket === 'function') {
      this.polling = false; // long polling failed too: the server is away, not the WebSocket blocked
      this.wsFailures = 0;
    }
  }

  scheduleRetry() {
    this.setStatus('offline');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), backoffDelay(this.attempt++));
  }

  /** The browser says the network is back: try now instead of waiting out the backoff. */
  retryNow() {
    if (!this.stopped && !this.link) this.open();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.emit('status', status);
  }
}
