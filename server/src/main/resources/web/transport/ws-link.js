// transport/ws-link.js: one WebSocket to /ws as a link for the Connection. Authenticates with an
// auth frame (a browser cannot set headers on a WebSocket) and hands every frame up parsed.
// A link is used once: after onClose it is dead, and the Connection opens a new one.

export class WsLink {
  /** handlers: onFrame(frame), onClose({code, reason, opened}). */
  constructor(url, token, handlers) {
    this.kind = 'websocket';
    this.handlers = handlers;
    this.opened = false;
    this.done = false;
    this.ws = new WebSocket(url, ['parley.v1']); // throws when the URL or the API is unusable
    this.ws.onopen = () => {
      this.opened = true;
      this.ws.send(JSON.stringify({ type: 'auth', token: token() }));
    };
    this.ws.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!this.done) this.handlers.onFrame(frame);
    };
    this.ws.onclose = (event) => this.finish(event.code, event.reason);
  }

  send(frame) {
    if (!this.done && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Abandons the socket at once, without waiting for a closing handshake. */
  close() {
    if (this.done) return;
    this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
    try {
      this.ws.close();
    } catch {
      // already closing
    }
    this.finish(1006, '');
  }

  finish(code, reason) {
    if (this.done) return;
    this.done = true;
    this.handlers.onClose({ code, reason, opened: this.opened });
  }
}
