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
