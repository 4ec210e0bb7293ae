/**
 * Moving pictures for stories, drawn on a canvas, so a story shows a "participant" without a camera or
 * a server. One track per label, reused across re-renders.
 */
const tracks = new Map<string, MediaStreamTrack>();

export function syntheticVideo(label: string, hue = 210): MediaStreamTrack {
  const cached = tracks.get(label);
  if (cached && cached.readyState === 'live') return cached;
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const draw = () => {
    frame++;
    const gradient = context.createLinearGradient(0, 0, 640, 360);
    gradient.addColorStop(0, `hsl(${hue} 55% 30%)`);
    gradient.addColorStop(1, `hsl(${(hue + 60) % 360} 55% 20%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = 'rgb(255 255 255 / 0.85)';
    context.beginPath();
    context.arc(320 + Math.sin(frame / 20) * 120, 170, 40, 0, Math.PI * 2);
    context.fill();
    context.font = '600 28px system-ui, sans-serif';
    context.textAlign = 'center';
    context.fillText(label, 320, 300);
  };
  draw();
  const timer = setInterval(draw, 1000 / 15);
  const track = canvas.captureStream(15).getVideoTracks()[0]!;
  const stop = track.stop.bind(track);
  track.stop = () => {
    clearInterval(timer);
    stop();
  };
  tracks.set(label, track);
  return track;
}
