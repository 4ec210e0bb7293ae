import type { DownTrack } from './down-track.js';
import type { RTCDataChannel } from 'werift';
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
 * Data to one participant over their data channels. Reliable data for a newcomer whose channel is still opening
 * waits (up to a megabyte), rather than being lost: a greeting sent the moment someone joins arrives, in order,
 * once the channel opens. Lossy data is dropped then, as lossy data may be.
 */
export class DataSender {
  readonly #onError: (message: string) => void;
  #waiting: Buffer[] = [];
  #bytes = 0;
  #closed = false;

  constructor(onError: (message: string) => void) {
    this.#onError = onError;
  }

  /** `channel` is the participant's reliable channel: what waits goes out once it is open. */
  flushWhenOpen(channel: RTCDataChannel): void {
    if (channel.readyState === 'open') this.#flush(channel);
    else channel.stateChanged.subscribe((state) => state === 'open' && this.#flush(channel));
  }

  /** Sends on `channel` (reliable or lossy), or holds reliable data while there is no open channel yet. */
  send(channel: RTCDataChannel | undefined, reliable: boolean, bytes: Uint8Array): void {
    if (channel?.readyState === 'open') return this.#deliver(channel, Buffer.from(bytes));
    if (!reliable || this.#closed || channel?.readyState === 'closed' || channel?.readyState === 'closing') return;
    if (this.#bytes + bytes.byteLength > MAX_WAITING_RELIABLE_BYTES) {
      this.#onError('reliable data dropped: too much waiting for the data channel to open');
      return;
    }
    this.#waiting.push(Buffer.from(bytes));
    this.#bytes += bytes.byteLength;
  }

  close(): void {
    this.#closed = true;
    this.#waiting = [];
    this.#bytes = 0;
  }

  #flush(channel: RTCDataChannel): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#bytes = 0;
    for (const bytes of waiting) this.#deliver(channel, bytes);
  }

  #deliver(channel: RTCDataChannel, bytes: Buffer): void {
    try {
      channel.send(bytes);
    } catch (error) {
      // Larger than this client accepts (its max-message-size), say: its loss, nobody else's.
      this.#onError(`data not delivered: ${(error as Error).message}`);
    }
  }
}
