// views/attachments.js: sending files. A paperclip opens the file picker; files dropped on the
// chat go the same way; the microphone records a voice note (click to start, then send or
// cancel). Each file uploads with a progress bar and a cancel button, and is sent, with the
// composer's text as its caption, when the upload completes.

import { VoiceRecorder } from '../media/recorder.js';
import { bytes } from './media-view.js';
import { h } from './dom.js';
import { icon } from './icons.js';

export function mountAttachments({ store, uploads, dropTarget, takeCaption, onError }) {
  const fileInput = h('input', { type: 'file', multiple: true, id: 'attach-input', class: 'visually-hidden', 'data-testid': 'attach-input', tabindex: -1 });
  const attach = h('button', { type: 'button', class: 'button button--icon', 'data-testid': 'attach', title: 'Attach files' },
    icon('attach'), h('span', { class: 'visually-hidden' }, 'Attach files'));
  const record = h('button', { type: 'button', class: 'button button--icon', 'data-testid': 'record', title: 'Record a voice note' },
    icon('mic'), h('span', { class: 'visually-hidden' }, 'Record a voice note'));
  const clock = h('span', { class: 'recording__clock', role: 'timer', 'data-testid': 'recording-clock' }, '0:00');
  const stop = h('button', { type: 'button', class: 'button button--primary', 'data-testid': 'recording-send' }, 'Send voice note');
  const cancel = h('button', { type: 'button', class: 'button', 'data-testid': 'recording-cancel' }, 'Cancel');
  const recording = h('div', { class: 'recording', hidden: true, role: 'group', 'aria-label': 'Recording a voice note' },
    h('span', { class: 'recording__dot', 'aria-hidden': 'true' }), clock, cancel, stop);
  record.hidden = !VoiceRecorder.supported();

  attach.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    send([...fileInput.files]);
    fileInput.value = '';
  });

  dropTarget.addEventListener('dragover', (event) => {
    if (!store.selected() || store.selected().left || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    dropTarget.classList.add('dropping');
  });
  dropTarget.addEventListener('dragleave', (event) => {
    if (!dropTarget.contains(event.relatedTarget)) dropTarget.classList.remove('dropping');
  });
  dropTarget.addEventListener('drop', (event) => {
    dropTarget.classList.remove('dropping');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0 || !store.selected() || store.selected().left) return;
    event.preventDefault();
    send(files);
  });

  function send(files) {
    const chat = store.selected();
    if (!chat || files.length === 0) return;
    const caption = takeCaption();
    files.forEach((file, i) => uploads.start(chat.id, file, { caption: i === 0 ? caption : '' }));
  }

  let recorder = null;
  let ticker = null;
  record.addEventListener('click', async () => {
    recorder = new VoiceRecorder();
    try {
      await recorder.start();
    } catch {
      recorder = null;
      onError('The microphone is not available. Allow it in the browser to record voice notes.');
      return;
    }
    recording.hidden = false;
    ticker = setInterval(() => {
      const s = Math.floor(recorder.elapsed() / 1000);
      clock.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    }, 250);
    stop.focus();
  });
  stop.addEventListener('click', async () => {
    const chat = store.selected();
    const blob = await endRecording((r) => r.stop());
    if (chat && blob && blob.size > 0) {
      const extension = blob.type.includes('ogg') ? 'ogg' : 'webm';
      uploads.start(chat.id, blob, { name: `voice-note.${extension}`, type: blob.type || 'audio/webm' });
    }
  });
  cancel.addEventListener('click', () => endRecording((r) => r.cancel()));

  async function endRecording(finish) {
    if (!recorder) return null;
    const r = recorder;
    recorder = null;
    clearInterval(ticker);
    recording.hidden = true;
    clock.textContent = '0:00';
    record.focus();
    return finish(r);
  }

  /** An upload in the chat: name, progress bar, cancel (or the failure and dismiss). */
  function uploadNode(entry) {
    return h('li', { class: 'msg msg--mine msg--upload', 'data-testid': 'upload', dataset: { upload: entry.id } });
  }

  function updateUpload(el, entry) {
    const percent = entry.size ? Math.floor((100 * entry.sent) / entry.size) : 100;
    const key = `${entry.state}:${percent}`;
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.dataset.state = entry.state;
    el.replaceChildren(
      entry.preview ? h('img', { src: entry.preview, alt: '', class: 'media__thumb media__thumb--uploading' }) : null,
      h('div', { class: 'upload__name' }, entry.name, ' ', h('span', { class: 'muted' }, bytes(entry.size))),
      entry.state === 'failed'
        ? h('div', { class: 'upload__row' }, h('span', { class: 'msg__failure' }, entry.error),
          h('button', { type: 'button', class: 'link-button', onclick: () => uploads.dismiss(entry.id) }, 'Dismiss'))
        : h('div', { class: 'upload__row' },
          h('progress', { max: 100, value: percent, 'aria-label': `Uploading ${entry.name}`, 'data-testid': 'upload-progress' }),
          h('button', { type: 'button', class: 'link-button', 'data-testid': 'upload-cancel', onclick: () => uploads.cancel(entry.id) }, 'Cancel')));
  }

  return { el: h('div', { class: 'attachments' }, fileInput, attach, record), recording, uploadNode, updateUpload };
}
