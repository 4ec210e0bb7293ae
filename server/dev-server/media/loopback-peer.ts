import { isIPv4 } from 'node:net';
import {
  Connection,
  RTCPeerConnection,
  useAudioLevelIndication,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
  type CandidatePair,
  type PeerConfig,
} from 'werift';

/** An IPv4 address on loopback; a hostname that merely starts with "127." is not one. */
export function isLoopback(host: string | undefined): boolean {
  return !!host && isIPv4(host) && host.startsWith('127.');
}

// werift falls back to a public STUN server when given none (a DNS lookup of a public name on every
// gathering, and a 5 s wait for it offline). The dev server's media is for this machine only: no STUN.
const gatherCandidates = Connection.prototype.gatherCandidates;
Connection.prototype.gatherCandidates = function gatherWithoutStun(this: Connection & { stunServer?: unknown }) {
  this.stunServer = undefined;
  return gatherCandidates.call(this);
};

/** Removes every candidate line that is not UDP on loopback from an SDP, before werift can act on it. */
export function loopbackCandidatesOnly(sdp: string): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      const [, , protocol, , address] = line.slice('a='.length).split(' ');
      return protocol?.toLowerCase() === 'udp' && isLoopback(address);
    })
    .join('\r\n');
}

/** An ICE candidate as signalled (the browser's CandidateInit). */
export interface CandidateInit {
  candidate?: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/**
 * werift settings that keep all ICE on 127.0.0.1: no STUN server (werift defaults to a public one), no
 * interface enumeration, one host candidate on loopback, and no checks or answers towards any other address
 * (peer-reflexive candidates included). The dev server is for this machine, and so is its media.
 */
export const loopbackPeerConfig: Partial<PeerConfig> = {
  iceServers: [],
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
  iceFilterCandidatePair: (pair: CandidatePair) => isLoopback(pair.remoteCandidate.host) && isLoopback(pair.localCandidate.host),
  iceFilterStunResponse: (_message, address) => isLoopback(address[0]),
  bundlePolicy: 'max-bundle',
  // Chrome's simulcast offer (three rids) is only answerable with the mid and rid extensions: without them
  // Chrome rejects the answer and nothing is published.
  headerExtensions: {
    video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId()],
    audio: [useSdesMid(), useAudioLevelIndication()],
  },
};

/** Where the server's media may go: the addresses it offers candidates on and accepts candidates from. */
export interface MediaNetwork {
  readonly addresses: readonly string[];
}

/** The default: media on 127.0.0.1 only. */
export const LOOPBACK_NETWORK: MediaNetwork = { addresses: ['127.0.0.1'] };

/** A server-side peer connection on loopback that answers a client's offer and exchanges candidates. */
export class LoopbackPeer {
  readonly pc: RTCPeerConnection;
  readonly #onCandidate: (candidate: CandidateInit) => void;
  /** werift finds its candidates while setting the answer, before the client has it: hold them until sent. */
  #held: CandidateInit[] | undefined = [];

  constructor(onCandidate: (candidate: CandidateInit) => void, readonly network: MediaNetwork = LOOPBACK_NETWORK) {
    this.pc = new RTCPeerConnection(loopbackPeerConfig);
    this.#onCandidate = onCandidate;
    this.pc.onIceCandidate.subscribe((candidate) => {
      if (!candidate) return;
      const init = candidate.toJSON() as CandidateInit;
      if (this.#held) this.#held.push(init);
      else onCandidate(init);
    });
  }

  /** Answers the offer; call `descriptionSent()` once the answer is on its way to the client. */
  async answer(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: loopbackCandidatesOnly(offerSdp) });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.pc.localDescription!.sdp;
  }

  /** Makes an offer; call `descriptionSent()` once it is on its way, and `accept()` with the answer. */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription!.sdp;
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: loopbackCandidatesOnly(answerSdp) });
  }

  descriptionSent(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const candidate of held) this.#onCandidate(candidate);
  }

  /**
   * Adds a client's candidate if it is UDP on loopback. Others could never be used here, and a `.local` one
   * would make werift send an mDNS query to the network.
   */
  async addCandidate(candidate: CandidateInit): Promise<void> {
    const [, , protocol, , address] = candidate.candidate?.split(' ') ?? [];
    if (protocol?.toLowerCase() !== 'udp' || !isLoopback(address)) return;
    await this.pc.addIceCandidate(candidate as never);
  }

  close(): void {
    void this.pc.close();
  }
}
