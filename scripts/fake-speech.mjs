// @ts-check
/**
 * A speech-like sound for Chromium's fake microphone (`--use-file-for-fake-audio-capture`). The default fake
 * microphone beeps for about 80 ms every half second, too little to count as speaking, and a steady tone is
 * removed by the browser's noise suppression within a second. This is a voice-like glide with harmonics whose
 * loudness pulses four times a second, as syllables do, which stays loud through the audio processing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const RATE = 48_000;
const SECONDS = 4;

/** @returns {Buffer} a 16-bit mono PCM WAV file */
export function speechLikeWav() {
  const samples = RATE * SECONDS;
  const data = Buffer.alloc(samples * 2);
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    // The pitch glides between about 110 and 190 Hz, like an intonation.
    const pitch = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * pitch) / RATE;
    let sample = 0;
    for (let harmonic = 1; harmonic <= 8; harmonic++) sample += Math.sin(harmonic * phase) / harmonic;
    // Syllables: loud most of each quarter second, with a short dip between.
    const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, 0.35 * sample * syllable)) * 32_767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Writes the file (once per run) and returns its path. */
export function writeSpeechLikeWav(/** @type {string} */ path) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, speechLikeWav());
  return path;
}
