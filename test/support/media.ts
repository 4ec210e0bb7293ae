import { waitUntil } from '@open-wc/testing';

/** Real tracks from Chromium's fake camera and microphone. */
export async function fakeCameraTrack(width = 640, height = 480): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width, height } });
  return stream.getVideoTracks()[0]!;
}

export async function fakeMicrophoneTrack(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  return stream.getAudioTracks()[0]!;
}

/** Waits until the video element shows decoded frames, as a person would see them. */
export async function waitForFrames(video: HTMLVideoElement, message = 'video shows frames'): Promise<void> {
  await waitUntil(() => video.videoWidth > 0 && video.readyState >= 2, message, { timeout: 10000 });
}

/** Plays a track in a muted video element on the page and waits for decoded frames; returns the element. */
export async function framesIn(track: MediaStreamTrack, message = 'video shows frames'): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  await video.play();
  await waitForFrames(video, message);
  return video;
}

/** Counts the page's camera and microphone requests while `action` runs. */
export async function countCaptures(action: () => Promise<unknown>): Promise<number> {
  const getUserMedia = navigator.mediaDevices.getUserMedia;
  let captures = 0;
  navigator.mediaDevices.getUserMedia = (...args) => {
    captures++;
    return getUserMedia.apply(navigator.mediaDevices, args);
  };
  try {
    await action();
  } finally {
    navigator.mediaDevices.getUserMedia = getUserMedia;
  }
  return captures;
}
