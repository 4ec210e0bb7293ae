import type { DownTrack } from './down-track.js';
import type { PublishedTrack } from './published-track.js';

/**
 * What a participant receives, over whichever connection carries it: the subscriber connection of the
 * two-connection protocol (`/rtc`), or the one connection of `/rtc/v1`.
 */
export interface Downlink {
  /** Starts sending `published` (owned by the participant with sid `ownerSid`); returns its down track. */
  add(published: PublishedTrack, ownerSid: string): DownTrack;
  /** The down track sending that track, if this participant receives it. */
  downTrack(trackSid: string): DownTrack | undefined;
  /** Stops sending a track; the participant sees it end. */
  remove(trackSid: string): void;
  /** Sends a data packet to the participant. */
  sendData(reliable: boolean, bytes: Uint8Array): void;
  close(): void;
}

/** The most reliable bytes held for a participant whose data channel is not open yet. */
export const MAX_WAITING_RELIABLE_BYTES = 1024 * 1024;

/**
 * Reliable data for a newcomer whose channel is still opening waits, rather than being lost: a greeting sent the
 * moment someone joins arrives. It goes out in order once the channel opens.
 */
export class ReliableBacklog {
  #waiting: Buffer[] = [];
  #bytes = 0;

  /** Holds a packet; false when the backlog is full and the packet is dropped. */
  hold(bytes: Uint8Array): boolean {
    if (this.#bytes + bytes.byteLength > MAX_WAITING_RELIABLE_BYTES) return false;
    this.#waiting.push(Buffer.from(bytes));
    this.#bytes += bytes.byteLength;
    return true;
  }

  /** Hands every held packet to `deliver`, oldest first, and forgets them. */
  flush(deliver: (bytes: Buffer) => void): void {
    const waiting = this.#waiting;
    this.clear();
    for (const bytes of waiting) deliver(bytes);
  }

  clear(): void {
    this.#waiting = [];
    this.#bytes = 0;
  }
}
