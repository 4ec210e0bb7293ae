import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { LocalAudioTrack, LocalVideoTrack, Room, Track } from 'livekit-client';

// The dev server's cast egress, driven as livekit-server-sdk's EgressClient drives LiveKit's: participants
// publish canvases of distinct colours and tones of distinct pitches; the recording of one participant,
// switched to another and back, is decoded here, in Chromium, frame by frame and window by window.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;

interface EgressAnswer {
  result?: { egressId: string; status: string; items?: { egressId: string; status: string; startedAt?: string; endedAt?: string }[] };
  error?: string;
}
const egress = (method: string, ...args: unknown[]) => executeServerCommand('dev-server-egress', { method, args }) as Promise<EgressAnswer>;

const rooms: Room[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
});

/** Joins and publishes a canvas painted `colour` (VP8, no simulcast) and, unless silent, a tone of `hz`. */
async function publisher(room: string, identity: string, colour: string, hz: number | undefined, audio: AudioContext): Promise<Room> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const context = canvas.getContext('2d')!;
  const paint = setInterval(() => {
    context.fillStyle = colour;
    context.fillRect(0, 0, 320, 240);
  }, 33);
  stops.push(() => clearInterval(paint));
  const lk = new Room();
  rooms.push(lk);
  await lk.connect(await serverUrl(), await token({ room, identity }));
  const [video] = canvas.captureStream(30).getVideoTracks();
  await lk.localParticipant.publishTrack(new LocalVideoTrack(video!, undefined, true), { source: Track.Source.Camera, simulcast: false, videoCodec: 'vp8' });
  if (hz) {
    const oscillator = new OscillatorNode(audio, { frequency: hz });
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(new GainNode(audio, { gain: 0.5 })).connect(destination);
    oscillator.start();
    stops.push(() => oscillator.stop());
    await lk.localParticipant.publishTrack(new LocalAudioTrack(destination.stream.getAudioTracks()[0]!, undefined, true), { source: Track.Source.Microphone, dtx: false, red: false });
  }
  return lk;
}

/**
 * The wall time the egress ran, by the server's own clock: from its first frame (startedAt) to its end. Timed
 * here instead, it would include how late the page noticed each change through the test runner.
 */
async function wallTime(egressId: string): Promise<number> {
  const info = (await egress('listEgress', { egressId })).result!.items![0]!;
  return (Number(info.endedAt) - Number(info.startedAt)) / 1e9;
}

async function status(egressId: string): Promise<string | undefined> {
  return (await egress('listEgress', { egressId })).result?.items?.[0]?.status;
}

interface Frame {
  time: number;
  colour: string;
}

/** Plays the recording and names the colour of every frame shown (R, G, B), with its media time. */
async function framesOf(blob: Blob): Promise<{ frames: Frame[]; duration: number }> {
  const video = Object.assign(document.createElement('video'), { muted: true, src: URL.createObjectURL(blob) });
  document.body.append(video);
  const canvas = Object.assign(document.createElement('canvas'), { width: 8, height: 8 });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const frames: Frame[] = [];
  const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
    context.drawImage(video, 0, 0, 8, 8);
    const [r, g, b] = context.getImageData(4, 4, 1, 1).data;
    frames.push({ time: metadata.mediaTime, colour: r! > 150 && g! < 100 && b! < 100 ? 'R' : b! > 150 && r! < 100 ? 'B' : g! > 150 && r! < 100 ? 'G' : '?' });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  await video.play();
  await new Promise<void>((resolve, reject) => {
    video.onended = () => resolve();
    video.onerror = () => reject(new Error(`the recording does not play: ${video.error?.message}`));
    setTimeout(() => reject(new Error('the recording did not finish playing within 30 s')), 30000);
  });
  const duration = video.duration;
  video.remove();
  return { frames, duration };
}

/** The colour runs of the frames, ignoring single odd frames at a switch. */
const runsOf = (frames: Frame[]) =>
  frames.reduce<{ colour: string; from: number; to: number }[]>((runs, frame) => {
    const last = runs.at(-1);
    if (last?.colour === frame.colour) last.to = frame.time;
    else runs.push({ colour: frame.colour, from: frame.time, to: frame.time });
    return runs;
  }, []);

/** The pitch of each 100 ms of the recording's sound, by zero crossings, or 0 where it is silent. */
async function pitchesOf(blob: Blob): Promise<number[]> {
  const audio = await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(await blob.arrayBuffer());
  const samples = audio.getChannelData(0);
  const window = audio.sampleRate / 10;
  const pitches: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let crossings = 0;
    let energy = 0;
    for (let i = start + 1; i < start + window; i++) {
      if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
      energy += samples[i]! * samples[i]!;
    }
    pitches.push(energy / window < 1e-4 ? 0 : (crossings / 2) * 10);
  }
  return pitches;
}

describe('dev server: cast egress', () => {
  it('records one participant, switches to another and back without a gap, in one WebM whose sound follows', async function () {
    this.timeout(90000);
    // A click gives the page the user activation an AudioContext needs to run.
    await sendMouse({ type: 'click', position: [1, 1] });
    const audio = new AudioContext();
    await audio.resume();
    const room = `cast-${Date.now()}`;
    await publisher(room, 'red', '#ff0000', 440, audio);
    await publisher(room, 'blue', '#0000ff', 880, audio);
    // A third participant, never chosen: nothing of theirs may reach the recording.
    await publisher(room, 'green', '#00ff00', 660, audio);

    const started = await egress('startRoomCompositeEgress', room, { file: { filepath: 'cast.webm' } }, { layout: 'rtc-cast:red', customBaseUrl: 'http://127.0.0.1/cast-view.html' });
    expect(started.error).to.equal(undefined);
    const { egressId } = started.result!;
    expect(started.result!.status).to.equal('EGRESS_STARTING');
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_ACTIVE', 'the egress goes active at its first frame', { timeout: 10000 });

    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await egress('updateLayout', egressId, 'rtc-cast:blue')).error).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await egress('updateLayout', egressId, 'rtc-cast:red')).error).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stopped = await egress('stopEgress', egressId);
    expect(stopped.result!.status).to.equal('EGRESS_ENDING');
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_COMPLETE', 'the egress completes', { timeout: 10000 });
    expect((await egress('listEgress', { roomName: room, active: true })).result!.items, 'nothing active is left').to.deep.equal([]);

    const response = await fetch(`${(await serverUrl()).replace(/^ws/, 'http')}/dev/egress/${egressId}.webm`);
    expect(response.headers.get('content-type')).to.equal('video/webm');
    const blob = await response.blob();

    const { frames, duration } = await framesOf(blob);
    const runs = runsOf(frames).filter((run) => run.to - run.from > 0.2 || run.colour !== '?');
    expect(runs.map((run) => run.colour).join(''), JSON.stringify(runs)).to.equal('RBR');
    const gaps = frames.slice(1).map((frame, i) => frame.time - frames[i]!.time);
    const widest = gaps.indexOf(Math.max(...gaps));
    expect(Math.max(...gaps), `the largest gap between frames, in seconds, after ${frames[widest]!.time} s (runs ${JSON.stringify(runs)})`).to.be.lessThan(0.2);
    const wall = await wallTime(egressId);
    expect(Math.abs(duration - wall), `duration ${duration} s against ${wall.toFixed(2)} s of wall time`).to.be.lessThan(0.5);

    const pitches = await pitchesOf(blob);
    const sounding = pitches.slice(1, -1);
    expect(sounding.filter((hz) => hz === 0), 'no silent 100 ms in the sound').to.deep.equal([]);
    const heard = sounding.map((hz) => (Math.abs(hz - 440) < 60 ? 'L' : Math.abs(hz - 880) < 90 ? 'H' : '?')).join('');
    expect(heard.replace(/\?/g, '').replace(/(.)\1+/g, '$1'), heard).to.equal('LHL');
    expect(heard.match(/\?/g)?.length ?? 0, `only the switches are neither pitch (green's 660 Hz never): ${heard}`).to.be.at.most(4);
  });

  it('fills the sound with silence while the one shown has no microphone, and keeps recording', async function () {
    this.timeout(60000);
    const audio = new AudioContext();
    const room = `cast-silent-${Date.now()}`;
    await publisher(room, 'green', '#00ff00', undefined, audio);
    const { egressId } = (await egress('startRoomCompositeEgress', room, { file: { filepath: 'cast.webm' } }, { layout: 'rtc-cast:green' })).result!;
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_ACTIVE', 'active', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await egress('stopEgress', egressId);
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_COMPLETE', 'complete', { timeout: 10000 });
    const blob = await (await fetch(`${(await serverUrl()).replace(/^ws/, 'http')}/dev/egress/${egressId}.webm`)).blob();
    const sound = await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(await blob.arrayBuffer());
    const { frames, duration } = await framesOf(blob);
    expect(runsOf(frames).map((run) => run.colour).join('')).to.equal('G');
    expect(Math.abs(sound.duration - duration), `sound ${sound.duration} s, picture ${duration} s`).to.be.lessThan(0.3);
  });

  it('keeps recording on the last picture when the one shown leaves, and can still switch to someone else', async function () {
    this.timeout(60000);
    await sendMouse({ type: 'click', position: [1, 1] });
    const audio = new AudioContext();
    await audio.resume();
    const room = `cast-leave-${Date.now()}`;
    const red = await publisher(room, 'red', '#ff0000', 440, audio);
    await publisher(room, 'blue', '#0000ff', 880, audio);
    const { egressId } = (await egress('startRoomCompositeEgress', room, { file: { filepath: 'cast.webm' } }, { layout: 'rtc-cast:red' })).result!;
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_ACTIVE', 'active', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await red.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await status(egressId), 'the egress goes on without its participant').to.equal('EGRESS_ACTIVE');
    await egress('updateLayout', egressId, 'rtc-cast:blue');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await egress('stopEgress', egressId);
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_COMPLETE', 'complete', { timeout: 10000 });
    const blob = await (await fetch(`${(await serverUrl()).replace(/^ws/, 'http')}/dev/egress/${egressId}.webm`)).blob();
    const { frames, duration } = await framesOf(blob);
    expect(runsOf(frames).map((run) => run.colour).join(''), 'red (still while away), then blue').to.equal('RB');
    const gaps = frames.slice(1).map((frame, i) => frame.time - frames[i]!.time);
    expect(Math.max(...gaps), 'a still picture keeps coming while red is away').to.be.lessThan(0.5);
    const wall = await wallTime(egressId);
    expect(Math.abs(duration - wall), `duration ${duration} s against ${wall.toFixed(2)} s of wall time`).to.be.lessThan(0.5);
  });

  it('ends with its room, as LiveKit’s does: everyone leaves, the egress completes', async function () {
    this.timeout(30000);
    const room = `cast-closes-${Date.now()}`;
    const red = await publisher(room, 'red', '#ff0000', undefined, new AudioContext());
    const { egressId } = (await egress('startRoomCompositeEgress', room, { file: { filepath: 'cast.webm' } }, { layout: 'rtc-cast:red' })).result!;
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_ACTIVE', 'active', { timeout: 10000 });
    await red.disconnect();
    await waitUntil(async () => (await status(egressId)) === 'EGRESS_COMPLETE', 'the egress completes once the room is closed', { timeout: 10000 });
    const info = (await egress('listEgress', { egressId })).result!.items![0] as { details?: string };
    expect(info.details).to.equal('End reason: Source closed');
  });

  it('answers as LiveKit does when asked wrongly: no recording grant, unknown room, another layout, stop twice, stop before the start', async () => {
    const audio = new AudioContext();
    const room = `cast-errors-${Date.now()}`;
    await publisher(room, 'red', '#ff0000', undefined, audio);
    const forged = (await executeServerCommand('dev-server-egress', { method: 'listEgress', args: [{}], apiSecret: 'wrong' })) as EgressAnswer;
    expect(forged.error).to.match(/invalid token|unauthenticated/i);
    expect((await egress('startRoomCompositeEgress', 'no-such-room', { file: { filepath: 'x.webm' } }, { layout: 'rtc-cast:red' })).error).to.match(/does not exist/);
    expect((await egress('startRoomCompositeEgress', room, { file: { filepath: 'x.webm' } }, { layout: 'grid' })).error).to.match(/rtc-cast:<identity>/);
    expect((await egress('updateLayout', 'EG_nothing', 'rtc-cast:red')).error).to.match(/does not exist/);

    // Nobody named "nobody" publishes: the egress stays starting until the layout page would give up (5 s).
    const waiting = (await egress('startRoomCompositeEgress', room, { file: { filepath: 'x.webm' } }, { layout: 'rtc-cast:nobody' })).result!;
    const aborted = (await egress('stopEgress', waiting.egressId)).result!;
    expect(aborted.status).to.equal('EGRESS_ABORTED');
    expect((await egress('stopEgress', waiting.egressId)).error, 'stopping twice').to.match(/not active/);
    expect((await egress('updateLayout', waiting.egressId, 'rtc-cast:red')).error, 'switching a stopped egress').to.match(/not active/);
  });
});
