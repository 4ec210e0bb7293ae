import type { RtcError, RtcErrorCode } from './errors.js';

/**
 * The connection states users of ZEGO and Wilddog know, in one machine. `reconnected` lasts a few seconds
 * (`RECONNECTED_SETTLES_MS`), then the session is `connected` again.
 */
export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'reconnected'
  | 'failed'
  | 'kicked'
  | 'disconnected';

export interface ConnectionStatus {
  state: ConnectionState;
  previous: ConnectionState;
  /** Why the session failed, was kicked or left; absent while things go well. */
  reason?: RtcErrorCode;
  message?: string;
}

/** `connected` and `reconnected` both mean media and data flow. */
export function isLive(state: ConnectionState): boolean {
  return state === 'connected' || state === 'reconnected';
}

export type TrackSource = 'camera' | 'microphone' | 'screen' | 'screen-audio';
export type TrackKind = 'audio' | 'video';
export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** One published track of a participant, as a plain snapshot. */
export interface TrackView {
  sid: string | undefined;
  source: TrackSource;
  kind: TrackKind;
  muted: boolean;
  /** Always true for local tracks; for remote ones, whether this client receives it. */
  subscribed: boolean;
  /** Present when media flows to this client (local capture, or a subscribed remote track). */
  mediaStreamTrack: MediaStreamTrack | undefined;
  /** Remote tracks: whether this client has asked to receive it (it may not have arrived yet). */
  wanted?: boolean;
}

/**
 * What kind of participant: a person (`standard`), an AI agent or bot (`agent`, a LiveKit Agent or any client
 * whose token says so), or a bridge (`ingress`, `egress`, `sip`, `connector`).
 */
export type ParticipantKind = 'standard' | 'agent' | 'ingress' | 'egress' | 'sip' | 'connector';

/** A participant as a plain snapshot, replaced whenever anything about them changes. */
export interface ParticipantView {
  identity: string;
  name: string;
  kind: ParticipantKind;
  /** The participant's user data (Wilddog's `userData`): free text, often JSON, set at join or later. */
  metadata: string | undefined;
  /** Key-value user data (a role, a team), set at join or later. */
  attributes: Readonly<Record<string, string>>;
  isLocal: boolean;
  isSpeaking: boolean;
  connectionQuality: ConnectionQuality;
  tracks: readonly TrackView[];
}

export function findTrack(participant: ParticipantView | undefined, source: TrackSource): TrackView | undefined {
  return participant?.tracks.find((track) => track.source === source);
}

export interface ParticipantUpdatedDetail {
  identity: string;
  name: string;
  metadata: string | undefined;
  attributes: Readonly<Record<string, string>>;
  isLocal: boolean;
}

export interface ParticipantEventDetail {
  identity: string;
  name: string;
  /**
   * On `participant-joined`: true for someone already in the room when you joined. They are told right after
   * connecting, one event each, so a page that builds its own list from joins sees everyone.
   */
  initial?: boolean;
}

export interface TrackEventDetail {
  identity: string;
  source: TrackSource;
  kind: TrackKind;
}

/** What a session tells its listeners, one entry per discrete happening. State lives in readables instead. */
export interface SessionEventMap {
  'connection-state-changed': ConnectionStatus;
  'participant-joined': ParticipantEventDetail;
  'participant-left': ParticipantEventDetail;
  'track-subscribed': TrackEventDetail;
  'track-unsubscribed': TrackEventDetail;
  'track-muted': TrackEventDetail;
  'track-unmuted': TrackEventDetail;
  /** A remote participant's name, metadata or attributes changed (yours too, after `setUserData`). */
  'participant-updated': ParticipantUpdatedDetail;
  'publish-state-changed': PublishStateDetail;
  'play-state-changed': PlayStateDetail;
  error: RtcError;
}

export type SessionEventListener<K extends keyof SessionEventMap> = (detail: SessionEventMap[K]) => void;

function sameTrack(a: TrackView, b: TrackView): boolean {
  return (
    a.sid === b.sid &&
    a.source === b.source &&
    a.kind === b.kind &&
    a.muted === b.muted &&
    a.subscribed === b.subscribed &&
    a.mediaStreamTrack === b.mediaStreamTrack
  );
}

function sameAttributes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Whether two snapshots of a participant show the same thing (sessions may rebuild snapshots whole). */
export function sameParticipant(a: ParticipantView | undefined, b: ParticipantView | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.identity === b.identity &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.metadata === b.metadata &&
    sameAttributes(a.attributes, b.attributes) &&
    a.isLocal === b.isLocal &&
    a.isSpeaking === b.isSpeaking &&
    a.connectionQuality === b.connectionQuality &&
    a.tracks.length === b.tracks.length &&
    a.tracks.every((track, i) => sameTrack(track, b.tracks[i]!))
  );
}

/** ZEGO's publisher states: asked for, going out, not going out (off or unpublished), or refused. */
export type PublishState = 'requesting' | 'publishing' | 'stopped' | 'failed';
/** ZEGO's player states: asked for, arriving, not arriving (muted, unsubscribed, unpublished), or refused. */
export type PlayState = 'requesting' | 'playing' | 'stopped' | 'failed';

export interface PublishStateDetail {
  source: TrackSource;
  state: PublishState;
  code?: RtcErrorCode;
}

export interface PlayStateDetail {
  identity: string;
  source: TrackSource;
  state: PlayState;
  code?: RtcErrorCode;
}
