// transport/poll-link.js: the long-polling link, for networks (or browsers) where a WebSocket
// cannot be opened. The same frames over HTTP: a session opened by POST, server frames fetched by
// polls held by the server (each poll passes the cursor of the last answer, so a lost answer is
// fetched again), client frames POSTed in batches, one batch in flight at a time so they arrive
// in the order they were sent.

import { call } from '../api.js';

const PREFIX = '/api/poll/sessions';
// The server's last frame of a session it ended, mapped to the close a WebSocket would have seen.
const CLOSES = { session_revoked: 1008, unauthorized: 1008, slow_consumer: 1013, overloaded: 1013,
  unavailable: 1013, shutting_down: 1013, idle_timeout: 1000 };
const MAX_BATCH_BYTES = 60 * 1024; // under the server's HTTP body limit (64 KiB by default)

export class PollLink {
  /** handlers: onFrame(frame), onClose({code, reason, opened}). */
  constructor(token, handlers) {
    this.kind = 'long-poll';
    this.token = token;
    this.handlers = handlers;
    this.opened = false;
    this.done = false;
    this.sessionId = null;
    this.cursor = 0;
    this.queue = [];
    this.posting = false;
    this.abort = new AbortController();
    this.run();
  }

  send(frame) {
    if (this.done) return;
    this.queue.push(frame);
    if (!this.posting) queueMicrotask(() => this.post());
  }

  close() {
    if (this.done) return;
    const id = this.sessionId;
    this.finish(1006, '');
    if (id) this.call('DELETE', `${PREFIX}/${id}`, undefined, new AbortController().signal).catch(() => {});
  }

  async run() {
    try {
      const opened = await this.call('POST', PREFIX);
      if (this.done) return;
      this.sessionId = opened.sessionId;
      this.cursor = opened.cursor;
      this.opened = true;
      this.post();
      while (!this.done) {
        const batch = await this.call('GET', `${PREFIX}/${this.sessionId}?cursor=${this.cursor}`);
        if (this.done) return;
        this.cursor = batch.cursor;
        for (const frame of batch.frames) {
          const closing = frame.type === 'error' && frame.ref == null ? CLOSES[frame.code] : undefined;
          if (closing !== undefined) {
            this.finish(closing, frame.code); // the session's last frame
            return;
          }
          this.handlers.onFrame(frame);
          if (this.done) return;
        }
      }
    } catch (failure) {
      this.finish(failure.status === 401 ? 1008 : 1006, failure.status === 401 ? 'unauthorized' : '');
    }
  }

  /** Sends what is queued as one array, then the next batch; a failed POST ends the link. */
  async post() {
    if (this.posting || !this.opened || this.done || this.queue.length === 0) return;
    this.posting = true;
    const batch = this.takeBatch();
    try {
      await this.call('POST', `${PREFIX}/${this.sessionId}/frames`, batch);
    } catch (failure) {
      this.finish(failure.status === 401 ? 1008 : 1006, failure.status === 401 ? 'unauthorized' : '');
      return;
    } finally {
      this.posting = false;
    }
    this.post();
  }

  /** The oldest queued frames that fit one body (always at least one). */
  takeBatch() {
    const encoder = new TextEncoder();
    let bytes = 2;
    let count = 0;
    while (count < this.queue.length) {
      bytes += encoder.encode(JSON.stringify(this.queue[count])).length + 1;
      if (count > 0 && bytes > MAX_BATCH_BYTES) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  call(method, path, body, signal = this.abort.signal) {
    return call(method, path, { body, token: this.token(), signal });
  }

  finish(code, reason) {
    if (this.done) return;
    this.done = true;
    this.abort.abort();
    this.handlers.onClose({ code, reason, opened: this.opened });
  }
}
