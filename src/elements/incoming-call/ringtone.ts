/** What the ringtone is doing: `blocked` until the page gets a click or key press, as autoplay rules require. */
export type RingtoneState = 'off' | 'blocked' | 'playing';

/**
 * A two-tone ring made with Web Audio, so the kit ships no sound file. Browsers start an AudioContext
 * suspended until the person interacts with the page; the ring then waits, silent, for the first click or key
 * press anywhere and starts from there, instead of failing.
 */
export class Ringtone {
  #context: AudioContext | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #state: RingtoneState = 'off';
  readonly #onChange: (state: RingtoneState) => void;
  readonly #unlock = () => void this.#resume();

  constructor(onChange: (state: RingtoneState) => void) {
    this.#onChange = onChange;
  }

  start(): void {
    if (this.#state !== 'off') return;
    const AudioContextClass = globalThis.AudioContext;
    if (!AudioContextClass) return;
    this.#context ??= new AudioContextClass();
    const blocked = this.#context.state !== 'running';
    this.#set(blocked ? 'blocked' : 'playing');
    if (blocked) {
      // resume() never settles without a gesture in some browsers: listen for one rather than await it.
      void this.#context.resume().then(() => this.#state === 'blocked' && this.#set('playing'), () => undefined);
      for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, this.#unlock, { capture: true });
    }
    this.#ring();
    this.#timer = setInterval(() => this.#ring(), 3000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#removeUnlock();
    if (this.#state !== 'off') this.#set('off');
  }

  /** Lets the AudioContext go (an element leaving the page). */
  dispose(): void {
    this.stop();
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
  }

  async #resume(): Promise<void> {
    if (!this.#context || this.#state !== 'blocked') return;
    await this.#context.resume().catch(() => undefined);
    if (this.#context?.state === 'running' && this.#state === 'blocked') {
      this.#removeUnlock();
      this.#set('playing');
      this.#ring();
    }
  }

  #ring(): void {
    const context = this.#context;
    if (!context || context.state !== 'running') return;
    const gain = context.createGain();
    gain.connect(context.destination);
    const now = context.currentTime;
    // Two short bursts of a 440 + 480 Hz pair (the North American ring), quiet and with soft edges.
    for (const start of [0, 0.5]) {
      gain.gain.setValueAtTime(0, now + start);
      gain.gain.linearRampToValueAtTime(0.15, now + start + 0.02);
      gain.gain.setValueAtTime(0.15, now + start + 0.38);
      gain.gain.linearRampToValueAtTime(0, now + start + 0.4);
    }
    for (const frequency of [440, 480]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(now);
      oscillator.stop(now + 0.9);
    }
  }

  #removeUnlock(): void {
    for (const type of ['pointerdown', 'keydown'] as const) document.removeEventListener(type, this.#unlock, { capture: true });
  }

  #set(state: RingtoneState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
