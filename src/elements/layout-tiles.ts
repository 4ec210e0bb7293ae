import { findTrack, type ParticipantView } from '../core/types.js';

/** One tile of a layout: a participant's camera, or their screen share. */
export interface Tile {
  /** Stable across renders: `participant` plus the source. */
  key: string;
  /** What `<rtc-participant-video participant>` takes: `local` for yourself, else the identity. */
  participant: string;
  identity: string;
  source: 'camera' | 'screen';
  view: ParticipantView;
}

export const participantKey = (participant: ParticipantView) => (participant.isLocal ? 'local' : participant.identity);

/** Everyone's camera tile, each followed by their screen share's while they share. */
export function tilesOf(participants: readonly ParticipantView[]): Tile[] {
  return participants.flatMap((view) => {
    const participant = participantKey(view);
    const camera: Tile = { key: `${participant}\ncamera`, participant, identity: view.identity, source: 'camera', view };
    const screen = findTrack(view, 'screen');
    return screen ? [camera, { key: `${participant}\nscreen`, participant, identity: view.identity, source: 'screen', view }] : [camera];
  });
}

/**
 * The number of columns that gives `count` tiles of `aspect` (width / height) the most area in a box, and
 * the tile width that goes with it. Without a height, tiles fill the width in a near-square arrangement.
 */
export function fitColumns(count: number, width: number, height: number, gap: number, aspect: number): { columns: number; tileWidth: number } {
  if (count <= 0 || width <= 0) return { columns: Math.max(1, Math.ceil(Math.sqrt(count))), tileWidth: 0 };
  let best = { columns: 1, tileWidth: 0, area: -1 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    let tileWidth = (width - gap * (columns - 1)) / columns;
    if (height > 0 && (tileWidth / aspect) * rows + gap * (rows - 1) > height) tileWidth = ((height - gap * (rows - 1)) / rows) * aspect;
    const area = height > 0 ? tileWidth * (tileWidth / aspect) : -Math.abs(columns - Math.ceil(Math.sqrt(count)));
    if (area > best.area) best = { columns, tileWidth: Math.max(0, Math.floor(tileWidth)), area };
  }
  return { columns: best.columns, tileWidth: best.tileWidth };
}
