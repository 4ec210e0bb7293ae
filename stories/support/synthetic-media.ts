/**
 * Moving pictures for stories, drawn on a canvas, so a story shows a "participant" or a "screen share"
 * without a camera, a screen picker or a server. One track per label, reused across re-renders.
 */
const tracks = new Map<string, MediaStreamTrack>();

/** A canvas captured at `fps`, redrawn by `draw(context, frame)`; stopping the track stops the drawing. */
function canvasTrack(key: string, width: number, height: number, fps: number, draw: (context: CanvasRenderingContext2D, frame: number) => void): MediaStreamTrack {
  const cached = tracks.get(key);
  if (cached && cached.readyState === 'live') return cached;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const next = () => draw(context, ++frame);
  next();
  const timer = setInterval(next, 1000 / fps);
  const track = canvas.captureStream(fps).getVideoTracks()[0]!;
  const stop = track.stop.bind(track);
  track.stop = () => {
    clearInterval(timer);
    stop();
  };
  tracks.set(key, track);
  return track;
}

/** A camera: a coloured background, a moving ball and the label. */
export function syntheticVideo(label: string, hue = 210): MediaStreamTrack {
  return canvasTrack(label, 640, 360, 15, (context, frame) => {
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
  });
}

/** A shared screen: a slide with a title, a few lines and a bar chart that grows, at a screen's low frame rate. */
export function syntheticScreen(title: string, hue = 210): MediaStreamTrack {
  return canvasTrack(`screen\n${title}`, 1280, 720, 5, (context, frame) => {
    context.fillStyle = '#f6f7f9';
    context.fillRect(0, 0, 1280, 720);
    context.fillStyle = `hsl(${hue} 55% 35%)`;
    context.fillRect(0, 0, 1280, 110);
    context.fillStyle = '#ffffff';
    context.font = '600 48px system-ui, sans-serif';
    context.textAlign = 'left';
    context.fillText(title, 64, 72);
    context.fillStyle = '#2b3036';
    context.font = '32px system-ui, sans-serif';
    ['Where we are', 'What is next', 'Questions'].forEach((line, index) => context.fillText(`•  ${line}`, 64, 200 + index * 64));
    const bars = [0.45, 0.7, 0.55, 0.9];
    bars.forEach((share, index) => {
      const grown = Math.min(1, (frame % 40) / 20);
      const height = 360 * share * grown;
      context.fillStyle = `hsl(${(hue + index * 40) % 360} 55% 45%)`;
      context.fillRect(720 + index * 120, 640 - height, 80, height);
    });
  });
}

/**
 * A camera that does not move: a person's silhouette on a soft backdrop, drawn once. For screenshots that
 * must come out the same pixel for pixel (and for stories of the same scene).
 */
export function stillVideo(key: string, hue = 210): MediaStreamTrack {
  return canvasTrack(`still\n${key}`, 640, 360, 5, (context, frame) => {
    if (frame > 1) return;
    const backdrop = context.createLinearGradient(0, 0, 0, 360);
    backdrop.addColorStop(0, `hsl(${hue} 30% 62%)`);
    backdrop.addColorStop(1, `hsl(${hue} 28% 38%)`);
    context.fillStyle = backdrop;
    context.fillRect(0, 0, 640, 360);
    // A window behind, so a crop to another shape is visibly a crop.
    context.fillStyle = `hsl(${hue} 40% 80% / 0.5)`;
    context.fillRect(420, 40, 150, 120);
    context.fillStyle = `hsl(${(hue + 30) % 360} 35% 28%)`;
    context.beginPath();
    context.ellipse(320, 380, 150, 120, 0, Math.PI, 0);
    context.fill();
    context.fillStyle = `hsl(${(hue + 200) % 360} 35% 72%)`;
    context.beginPath();
    context.arc(320, 170, 62, 0, Math.PI * 2);
    context.fill();
  });
}
