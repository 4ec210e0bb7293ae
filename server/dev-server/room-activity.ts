import { ConnectionQuality, ConnectionQualityInfo, SpeakerInfo } from '@livekit/protocol';
import type { Participant, Room } from './rooms.js';

const SPEAKER_TICK_MS = 300;
/** Connection quality is told every this many speaker ticks (about 2 s, as LiveKit does). */
const QUALITY_EVERY_TICKS = 7;
/** Audio levels are judged over this window. */
const WINDOW_MS = 1000;
/** RFC 6464 levels are -dBov: 0 is the loudest, 127 silence. Louder than -45 dBov counts as sound. */
const LOUD_LEVEL = 45;
/** Speaking: at least this many loud packets in the window (opus sends 50 a second; a short beep is not speech). */
const SPEAKING_PACKETS = 15;
/** A level change smaller than this is not worth telling anyone. */
const LEVEL_STEP = 0.05;

interface Heard {
  atMs: number;
  level: number;
}

/**
 * What a room tells everyone without being asked: who is speaking (from the audio level each microphone packet
 * carries, never decoding audio) and how well each participant's media arrives (from sequence gaps).
 */
export class RoomActivity {
  readonly #heard = new Map<Participant, Heard[]>();
  /** The level last told for each participant who was speaking. */
  readonly #speaking = new Map<Participant, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticks = 0;

  constructor(readonly room: Room) {}

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), SPEAKER_TICK_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#heard.clear();
    this.#speaking.clear();
  }

  /** One packet of a participant's microphone arrived with this audio level. */
  hear(participant: Participant, level: number): void {
    let heard = this.#heard.get(participant);
    if (!heard) this.#heard.set(participant, (heard = []));
    heard.push({ atMs: Date.now(), level });
  }

  #tick(): void {
    this.#tellSpeakers();
    if (++this.#ticks % QUALITY_EVERY_TICKS === 0) this.#tellQuality();
  }

  #tellSpeakers(): void {
    const since = Date.now() - WINDOW_MS;
    const changes: SpeakerInfo[] = [];
    for (const participant of this.room.participants.values()) {
      const heard = (this.#heard.get(participant) ?? []).filter((h) => h.atMs >= since);
      this.#heard.set(participant, heard);
      const loud = heard.filter((h) => h.level <= LOUD_LEVEL);
      const active = loud.length >= SPEAKING_PACKETS;
      // The mean amplitude of the loud packets, 0..1, as livekit-client shows `audioLevel`.
      const level = active ? loud.reduce((sum, h) => sum + 10 ** (-h.level / 20), 0) / loud.length : 0;
      const told = this.#speaking.get(participant);
      if (active && (told === undefined || Math.abs(told - level) >= LEVEL_STEP)) {
        this.#speaking.set(participant, level);
        changes.push(new SpeakerInfo({ sid: participant.sid, level, active: true }));
      } else if (!active && told !== undefined) {
        this.#speaking.delete(participant);
        changes.push(new SpeakerInfo({ sid: participant.sid, level: 0, active: false }));
      }
    }
    // Whoever left (or rejoined as a new participant) is forgotten.
    const gone = (participant: Participant) => this.room.participants.get(participant.identity) !== participant;
    for (const map of [this.#speaking, this.#heard]) for (const participant of [...map.keys()].filter(gone)) map.delete(participant);
    if (!changes.length) return;
    for (const participant of this.room.participants.values()) participant.link.sendSpeakers(changes);
  }

  #tellQuality(): void {
    const updates = [...this.room.participants.values()]
      .filter((participant) => !participant.admission.hidden)
      .map((participant) => {
        let received = 0;
        let lost = 0;
        for (const track of participant.tracks.values()) {
          const loss = track.takeLoss();
          received += loss.received;
          lost += loss.lost;
        }
        const lossRatio = received + lost ? lost / (received + lost) : 0;
        const [quality, score] =
          lossRatio < 0.02 ? [ConnectionQuality.EXCELLENT, 5] : lossRatio < 0.1 ? [ConnectionQuality.GOOD, 3.5] : [ConnectionQuality.POOR, 1.5];
        return new ConnectionQualityInfo({ participantSid: participant.sid, quality, score });
      });
    for (const participant of this.room.participants.values()) participant.link.sendConnectionQuality(updates);
  }
}
