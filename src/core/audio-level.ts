import { lazyReadable, type Readable } from './readable.js';

/**
 * The loudness of an audio track from 0 (silence) to 1, sampled about 15 times a second, only while
 * subscribed. Web Audio needs a running context: where the browser keeps it suspended until a user gesture,
 * the level stays 0 and resumes on the first gesture the page receives.
 */
export function audioLevel(track: MediaStreamTrack, intervalMs = 66): Readable<number> {
  return lazyReadable(0, (set) => {
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const resume = () => void context.resume().catch(() => undefined);
    if (context.state === 'suspended') {
      resume();
      globalThis.addEventListener?.('pointerdown', resume, { once: true, capture: true });
      globalThis.addEventListener?.('keydown', resume, { once: true, capture: true });
    }
    const timer = setInterval(() => {
      if (track.readyState === 'ended') return set(0);
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around an RMS of 0.02–0.2; a square root spreads that over the meter's range.
      set(Math.min(1, Math.round(Math.sqrt(rms) * 100) / 100));
    }, intervalMs);
    return () => {
      clearInterval(timer);
      globalThis.removeEventListener?.('pointerdown', resume, { capture: true });
      globalThis.removeEventListener?.('keydown', resume, { capture: true });
      source.disconnect();
      void context.close().catch(() => undefined);
    };
  });
}
