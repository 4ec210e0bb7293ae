import type { RTCPeerConnection, RTCRtpReceiver, RTCRtpTransceiver, RtpPacket } from 'werift';

const SDES_MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const SDES_RID = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';

/** The parts of werift 0.24's private RtpRouter this fix touches. */
interface Router {
  extIdUriMap: Record<number, string>;
  ridTable: Record<string, RTCRtpReceiver>;
  routeRtp(packet: RtpPacket): void;
  registerRtpReceiver(receiver: RTCRtpReceiver, ssrc: number): void;
  registerRtpReceiverByRid(transceiver: RTCRtpTransceiver, param: { rid: string }, params: unknown): void;
}

/**
 * werift 0.24 files simulcast layers by rid alone, for the whole connection. A second simulcast track (a
 * screen share beside the camera, both with rids q and h) takes the first one's rids over, and the camera's
 * packets reach the screen share's receiver. Here layers are filed by mid and rid: a packet that names both
 * (Chrome names them until it learns the SSRC is known) is routed to its own transceiver, and its SSRC
 * registered there, so the packets after it, which name neither, follow.
 */
export function routeSimulcastByMid(pc: RTCPeerConnection): void {
  const router = (pc as unknown as { router: Router }).router;
  const receivers = new Map<string, RTCRtpReceiver>();
  const register = router.registerRtpReceiverByRid.bind(router);
  router.registerRtpReceiverByRid = (transceiver, param, params) => {
    register(transceiver, param, params);
    receivers.set(`${transceiver.mid}\n${param.rid}`, transceiver.receiver);
  };
  const route = router.routeRtp;
  router.routeRtp = (packet) => {
    let mid: string | undefined;
    let rid: string | undefined;
    for (const extension of packet.header.extensions) {
      const uri = router.extIdUriMap[extension.id];
      if (uri === SDES_MID) mid = extension.payload.toString();
      else if (uri === SDES_RID) rid = extension.payload.toString();
    }
    const receiver = mid !== undefined && rid !== undefined ? receivers.get(`${mid}\n${rid}`) : undefined;
    if (receiver && rid !== undefined) {
      router.ridTable[rid] = receiver;
      router.registerRtpReceiver(receiver, packet.header.ssrc);
    }
    route(packet);
  };
}
