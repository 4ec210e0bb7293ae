import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DEPENDENCY_DESCRIPTOR, mediaCodecs } from './codecs.js';
import { routeSimulcastByMid } from './simulcast-routing.js';
import {
  Connection,
  RTCPeerConnection,
  RTCRtpHeaderExtensionParameters,
  useAudioLevelIndication,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
  type CandidatePair,
  type PeerConfig,
} from 'werift';

/** Where the server's media may go: the addresses it offers candidates on and accepts candidates from. */
export interface MediaNetwork {
  readonly addresses: readonly string[];
}

/** The default: media on 127.0.0.1 only, which a browser reaches only when it offers loopback candidates. */
export const LOOPBACK_NETWORK: MediaNetwork = { addresses: ['127.0.0.1'] };

/** This machine's own IPv4 addresses, loopback included, as its interfaces have them now. */
export function machineAddresses(): string[] {
  const found = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4')
    .map((entry) => entry.address);
  return [...new Set(found)];
}

/**
 * Media on this machine's own addresses, so an everyday browser on this machine connects: it offers host
 * candidates on those addresses (or, hiding them behind mDNS names, checks from them). Read again for each
 * new connection, so a laptop that changes networks needs no restart. Browsers elsewhere are not accepted.
 */
export function machineNetwork(): MediaNetwork {
  return {
    get addresses() {
      return machineAddresses();
    },
  };
}

/** `loopback` or `machine`, as the command line and `RTC_MEDIA` name them; undefined for anything else. */
export function namedMediaNetwork(name: string): MediaNetwork | undefined {
  if (name === 'loopback') return LOOPBACK_NETWORK;
  if (name === 'machine') return machineNetwork();
  return undefined;
}

// werift falls back to a public STUN server when given none (a DNS lookup of a public name on every
// gathering, and a 5 s wait for it offline). The dev server's media is for this machine only: no STUN.
const gatherCandidates = Connection.prototype.gatherCandidates;
Connection.prototype.gatherCandidates = function gatherWithoutStun(this: Connection & { stunServer?: unknown }) {
  this.stunServer = undefined;
  return gatherCandidates.call(this);
};

// Two more changes to werift, made only for the connections of MediaPeer (known by their STUN filter).
const ourFilters = new WeakSet<object>();
type Receiving = { localCandidate?: { host: string }; datagramReceived?: (data: Buffer, from: [string, number]) => void };
type Patched = {
  options: { filterStunResponse?: object; interfaceAddresses?: { udp4?: string } };
  getCandidatePromises(addresses: string[], timeout?: number): Promise<unknown>[];
  ensureProtocol(protocol: Receiving): void;
};
const patched = Connection.prototype as unknown as Patched;
const isOurs = (connection: Patched) => !!connection.options.filterStunResponse && ourFilters.has(connection.options.filterStunResponse);

// werift binds every candidate's socket to the one `interfaceAddresses.udp4`, or to all interfaces when none
// is given. Bind each to the address its candidate names instead: the server then listens on no other
// address, and answers from the address the browser checked. werift reads `interfaceAddresses` before its
// first await for each address, so setting it around each call is enough.
const getCandidatePromises = patched.getCandidatePromises;
patched.getCandidatePromises = function bindEachAddress(this: Patched, addresses, timeout) {
  if (!isOurs(this)) return getCandidatePromises.call(this, addresses, timeout);
  const given = this.options.interfaceAddresses;
  try {
    return addresses.flatMap((address) => {
      this.options.interfaceAddresses = { udp4: address };
      return getCandidatePromises.call(this, [address], timeout);
    });
  } finally {
    this.options.interfaceAddresses = given;
  }
};

// werift answers some STUN requests (a wrong method, a role conflict) before `iceFilterStunResponse` sees
// them, and hands every other datagram to DTLS, whoever sent it. Our sockets drop every datagram that does
// not come from their own address before werift reads it: the only traffic they ever have, since checks and
// pairs are between the same address on both sides.
const ensureProtocol = patched.ensureProtocol;
patched.ensureProtocol = function dropOtherSources(this: Patched, protocol) {
  const receive = protocol.datagramReceived;
  if (isOurs(this) && receive) {
    protocol.datagramReceived = (data, from) => {
      if (from[0] === protocol.localCandidate?.host) receive.call(protocol, data, from);
    };
  }
  return ensureProtocol.call(this, protocol);
};

/** The transport and address of a candidate line, `a=candidate:…` from an SDP or `candidate:…` from a trickle. */
function candidateAddress(line: string): { protocol: string; address: string } {
  const [, , protocol = '', , address = ''] = line.replace(/^a=/, '').split(' ');
  return { protocol: protocol.toLowerCase(), address };
}

/** The IPv4 addresses of a network, fixed: one connection keeps to what it gathered on. */
function addressSet(network: MediaNetwork): ReadonlySet<string> {
  return new Set(network.addresses.filter((address) => isIPv4(address)));
}

/**
 * Whether the server accepts a remote candidate: UDP on one of its own addresses. Others could never be used
 * (the browser is on this machine), and a `.local` one would make werift send an mDNS query to the network.
 */
export function acceptsCandidate(line: string | undefined, network: MediaNetwork): boolean {
  if (!line) return false;
  const { protocol, address } = candidateAddress(line);
  return protocol === 'udp' && addressSet(network).has(address);
}

/** Removes every candidate line the server does not accept from an SDP, before werift can act on it. */
export function keepAcceptedCandidates(sdp: string, network: MediaNetwork): string {
  const addresses = addressSet(network);
  return sdp
    .split(/\r\n/)
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      const { protocol, address } = candidateAddress(line);
      return protocol === 'udp' && addresses.has(address);
    })
    .join('\r\n');
}

/**
 * werift settings that keep ICE on the network's addresses: no STUN server (werift defaults to a public one),
 * no interface enumeration, one host candidate on each address, and checks and answers only between the
 * same address on both sides (peer-reflexive candidates included). A browser on this machine checks each of
 * our addresses from that same address; pairing across addresses would only add checks that go nowhere
 * useful (a loopback socket answering a LAN address, say).
 */
export function mediaPeerConfig(network: MediaNetwork): Partial<PeerConfig> {
  const addresses = addressSet(network);
  const sameAndOurs = (local: string | undefined, remote: string | undefined) => !!local && addresses.has(local) && local === remote;
  const answers = (_message: unknown, address: readonly [string, number], protocol: { localCandidate?: { host: string } }) =>
    sameAndOurs(protocol.localCandidate?.host, address[0]);
  ourFilters.add(answers);
  return {
    iceServers: [],
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [...addresses],
    iceFilterCandidatePair: (pair: CandidatePair) => sameAndOurs(pair.localCandidate.host, pair.remoteCandidate.host),
    iceFilterStunResponse: answers,
    bundlePolicy: 'max-bundle',
    codecs: mediaCodecs(),
    // Chrome's simulcast offer (three rids) is only answerable with the mid and rid extensions: without them
    // Chrome rejects the answer and nothing is published. AV1 in layers (SVC) is only decodable with its
    // dependency descriptor, which is forwarded.
    headerExtensions: {
      video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId(), new RTCRtpHeaderExtensionParameters({ uri: DEPENDENCY_DESCRIPTOR })],
      audio: [useSdesMid(), useAudioLevelIndication()],
    },
  };
}

/**
 * werift writes an inactive section with port 0, which means "rejected"; libwebrtc refuses that for a section
 * still in the BUNDLE group (an offer's, or an answer's to a client's receive-only sections). An inactive
 * section keeps the bundle's port instead, as browsers write it.
 */
export function keepInactiveSectionsBundled(sdp: string): string {
  return sdp.replace(/^m=(audio|video) 0 /gm, 'm=$1 9 ');
}

/** An ICE candidate as signalled (the browser's CandidateInit). */
export interface CandidateInit {
  candidate?: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/**
 * A server-side peer connection on the given media network (loopback unless told otherwise) that answers or
 * makes offers and exchanges candidates.
 */
export class MediaPeer {
  readonly pc: RTCPeerConnection;
  /** What this connection gathered on and accepts, fixed when it was made. */
  readonly network: MediaNetwork;
  readonly #onCandidate: (candidate: CandidateInit) => void;
  /** werift finds its candidates while setting the answer, before the client has it: hold them until sent. */
  #held: CandidateInit[] | undefined = [];

  constructor(onCandidate: (candidate: CandidateInit) => void, network: MediaNetwork = LOOPBACK_NETWORK) {
    this.network = { addresses: [...addressSet(network)] };
    this.pc = new RTCPeerConnection(mediaPeerConfig(this.network));
    routeSimulcastByMid(this.pc);
    this.#onCandidate = onCandidate;
    this.pc.onIceCandidate.subscribe((candidate) => {
      if (!candidate) return;
      const init = candidate.toJSON() as CandidateInit;
      if (this.#held) this.#held.push(init);
      else onCandidate(init);
    });
  }

  /**
   * Answers the offer; call `descriptionSent()` once the answer is on its way to the client. `beforeAnswer` runs
   * with the offer applied and the answer not made yet (to decide what the server sends on each section).
   */
  async answer(offerSdp: string, beforeAnswer?: () => void): Promise<string> {
    // werift gives a new section of the offer the place of an inactive transceiver when it can, taking that
    // transceiver's mid away while the offer still has it ("Transceiver with mid=0 not found"). Every section
    // the client offered keeps its own transceiver.
    for (const transceiver of this.pc.getTransceivers()) transceiver.usedForSender = true;
    await this.pc.setRemoteDescription({ type: 'offer', sdp: keepAcceptedCandidates(offerSdp, this.network) });
    beforeAnswer?.();
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return keepInactiveSectionsBundled(this.pc.localDescription!.sdp);
  }

  /** Makes an offer; call `descriptionSent()` once it is on its way, and `accept()` with the answer. */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription!.sdp;
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: keepAcceptedCandidates(answerSdp, this.network) });
  }

  descriptionSent(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const candidate of held) this.#onCandidate(candidate);
  }

  /** Adds a client's candidate if the server accepts it (`acceptsCandidate`); drops it otherwise. */
  async addCandidate(candidate: CandidateInit): Promise<void> {
    if (!acceptsCandidate(candidate.candidate, this.network)) return;
    await this.pc.addIceCandidate(candidate as never);
  }

  close(): void {
    void this.pc.close();
  }
}

