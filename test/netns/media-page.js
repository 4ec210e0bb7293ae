// The browser side of the machine-media test (bundled with livekit-client by test/netns/machine-media.mjs):
// joins rooms with the real livekit-client and reports what a person would see (decoded frames) and which
// addresses the media took (getStats). Every wait ends by a deadline.
import { Room, Track } from 'livekit-client';

/** Every peer connection the page makes, with the states it reached and the candidates it gathered. */
const connections = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class RecordedPeerConnection extends NativePeerConnection {
  constructor(...args) {
    super(...args);
    const record = { states: [this.connectionState], candidates: [] };
    connections.push(record);
    this.addEventListener('connectionstatechange', () => record.states.push(this.connectionState));
    this.addEventListener('icecandidate', (event) => {
      if (event.candidate?.candidate) record.candidates.push(event.candidate.candidate);
    });
  }
};

const rooms = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function within(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The selected candidate pair in a stats report: its two addresses and candidate types. */
function selectedPair(report) {
  const stats = [...report.values()];
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  const pair = transport
    ? report.get(transport.selectedCandidatePairId)
    : stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
  if (!pair) return undefined;
  const local = report.get(pair.localCandidateId);
  const remote = report.get(pair.remoteCandidateId);
  return {
    local: local?.address ?? local?.ip,
    remote: remote?.address ?? remote?.ip,
    localType: local?.candidateType,
    remoteType: remote?.candidateType,
  };
}

/** Joins `url` with `token`; the room is known by `name` to the other calls. */
window.join = async (name, url, token, timeoutMs) => {
  const room = new Room();
  rooms.set(name, room);
  await within(room.connect(url, token), timeoutMs, `${name} joining`);
  return { participants: room.numParticipants };
};

/** Publishes the (fake) camera; resolves with the address pair its media uses. */
window.publishCamera = async (name, timeoutMs) => {
  const room = rooms.get(name);
  const publication = await within(room.localParticipant.setCameraEnabled(true), timeoutMs, `${name} publishing the camera`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pair = selectedPair(await publication.track.sender.getStats());
    if (pair) return { pair };
    if (Date.now() > deadline) throw new Error(`${name}: the camera is published but no candidate pair was selected`);
    await sleep(100);
  }
};

/**
 * Waits for a remote camera to show decoded frames in a <video>: its size, two framesDecoded samples a
 * moment apart, and the address pair its media came by. Rejects at the deadline with what was seen.
 */
window.watchCamera = async (name, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const cameraTrack = () =>
    [...(rooms.get(name)?.remoteParticipants.values() ?? [])]
      .flatMap((participant) => [...participant.trackPublications.values()])
      .find((publication) => publication.kind === Track.Kind.Video && publication.track)?.track;
  let seen = 'no remote camera subscribed';
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  document.body.append(video);
  let attached;
  let firstFrames;
  while (Date.now() < deadline) {
    const track = cameraTrack();
    if (track && attached !== track) {
      track.attach(video);
      attached = track;
    }
    if (attached) {
      const report = await attached.receiver.getStats();
      const inbound = [...report.values()].find((s) => s.type === 'inbound-rtp' && s.kind === 'video');
      const framesDecoded = inbound?.framesDecoded ?? 0;
      seen = `subscribed; videoWidth ${video.videoWidth}, framesDecoded ${framesDecoded}`;
      if (video.videoWidth > 0 && framesDecoded > 0) {
        if (firstFrames === undefined) firstFrames = framesDecoded;
        else if (framesDecoded > firstFrames) {
          return { videoWidth: video.videoWidth, framesDecoded: [firstFrames, framesDecoded], pair: selectedPair(report) };
        }
      }
    }
    await sleep(200);
  }
  throw new Error(`${name}: no decoded camera frames after ${timeoutMs / 1000} s (${seen})`);
};

/** What every peer connection of the page did: states reached and candidates gathered. */
window.peerConnections = () => connections.map(({ states, candidates }) => ({ states: [...states], candidates: [...candidates] }));

window.leaveAll = async () => {
  await Promise.all([...rooms.values()].map((room) => room.disconnect()));
  rooms.clear();
};
