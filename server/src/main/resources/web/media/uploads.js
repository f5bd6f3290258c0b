// media/uploads.js: files on their way up. Each is uploaded in chunks (the server says how big)
// with progress, can be cancelled, and when complete goes into the outbox as a message pointing
// at the media (so the send itself has the outbox's exactly-once and survives a reload). An
// upload in progress lives in this page only: a reload loses it, and the server deletes the
// abandoned upload after a while. A failed chunk is retried from where the server stands.

import { ApiError, call } from '../api.js';

const PREFIX = '/api/media/uploads';
const RETRIES = 3;

export class Uploads {
  constructor(token, outbox, onChange) {
    this.token = token;
    this.outbox = outbox;
    this.onChange = onChange;
    this.entries = [];
  }

  /** Starts uploading a file (or a recorded Blob with a name) to a chat, with a caption. */
  start(chatId, file, { name = file.name, type = file.type, caption = '' } = {}) {
    const entry = {
      id: crypto.randomUUID(), chatId, name: name || 'file', size: file.size, type, caption,
      sent: 0, state: 'uploading', error: null, uploadId: null, xhr: null, cancelled: false,
      preview: type?.startsWith('image/') ? URL.createObjectURL(file) : null,
    };
    this.entries.push(entry);
    this.onChange(chatId);
    this.run(entry, file);
    return entry;
  }

  forChat(chatId) {
    return this.entries.filter((e) => e.chatId === chatId);
  }

  cancel(id) {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    entry.cancelled = true;
    entry.xhr?.abort();
    if (entry.uploadId) this.call('DELETE', `${PREFIX}/${entry.uploadId}`).catch(() => {});
    this.remove(entry);
  }

  async run(entry, file) {
    try {
      const created = await this.call('POST', PREFIX, {
        size: file.size, name: entry.name, ...(entry.type ? { type: entry.type.split(';')[0] } : {}),
      });
      entry.uploadId = created.uploadId;
      let offset = created.offset;
      let failures = 0;
      while (offset < file.size && !entry.cancelled) {
        const end = Math.min(file.size, offset + created.chunkBytes);
        try {
          offset = (await this.putChunk(entry, file.slice(offset, end), offset)).offset;
          failures = 0;
        } catch (failure) {
          if (entry.cancelled || failure.status || ++failures > RETRIES) throw failure; // the server said no
          offset = (await this.call('GET', `${PREFIX}/${entry.uploadId}`)).offset; // resume where it stands
        }
      }
      if (entry.cancelled) return;
      const media = await this.call('POST', `${PREFIX}/${entry.uploadId}/complete`);
      if (entry.cancelled) return;
      this.remove(entry);
      this.outbox.add(entry.chatId, entry.caption, media);
    } catch (failure) {
      if (entry.cancelled) return;
      entry.state = 'failed';
      entry.error = failure.message || 'Upload failed';
      this.onChange(entry.chatId);
    }
  }

  /** One chunk by XMLHttpRequest, which (unlike fetch) reports upload progress. */
  putChunk(entry, blob, offset) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      entry.xhr = xhr;
      xhr.open('PUT', `${PREFIX}/${entry.uploadId}?offset=${offset}`);
      xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (event) => {
        entry.sent = offset + event.loaded;
        this.onChange(entry.chatId);
      };
      xhr.onload = () => {
        entry.xhr = null;
        if (xhr.status === 200) {
          entry.sent = xhr.response.offset;
          resolve(xhr.response);
        } else {
          reject(new ApiError(xhr.status, xhr.response?.code ?? 'internal', xhr.response?.message ?? `HTTP ${xhr.status}`));
        }
      };
      xhr.onerror = xhr.onabort = () => {
        entry.xhr = null;
        reject(new Error('The connection dropped during the upload.'));
      };
      xhr.send(blob);
    });
  }

  call(method, path, body) {
    return call(method, path, { body, token: this.token });
  }

  /** A failed upload the person dismissed. */
  dismiss(id) {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) this.remove(entry);
  }

  remove(entry) {
    this.entries = this.entries.filter((e) => e !== entry);
    if (entry.preview) URL.revokeObjectURL(entry.preview);
    this.onChange(entry.chatId);
  }
}
