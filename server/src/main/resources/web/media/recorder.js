// media/recorder.js: a voice note recorded in the browser with MediaRecorder (WebM/Opus in
// Chromium and Firefox, else whatever the browser records). start() asks for the microphone;
// stop() resolves with the recording as a Blob; cancel() throws it away. The microphone is
// released as soon as the recording ends.

export class VoiceRecorder {
  static supported() {
    return typeof window.MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;
  }

  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus']
      .find((t) => MediaRecorder.isTypeSupported(t));
    this.recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : undefined);
    this.chunks = [];
    this.startedAt = Date.now();
    this.recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    this.recorder.start(250);
  }

  /** Milliseconds recorded so far. */
  elapsed() {
    return this.startedAt ? Date.now() - this.startedAt : 0;
  }

  stop() {
    return new Promise((resolve) => {
      this.recorder.onstop = () => {
        this.release();
        resolve(new Blob(this.chunks, { type: (this.recorder.mimeType || 'audio/webm').split(';')[0] }));
      };
      this.recorder.stop();
    });
  }

  cancel() {
    if (this.recorder?.state === 'recording') {
      this.recorder.onstop = null;
      this.recorder.stop();
    }
    this.release();
  }

  release() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }
}
