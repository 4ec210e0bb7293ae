export { Store, lazyReadable, readonly, select, type Readable } from './readable.js';
export { RtcError, mediaError, type RtcErrorCode } from './errors.js';
export * from './types.js';
export { Emitter } from './emitter.js';
export {
  BARRAGE_TOPIC,
  CHAT_TOPIC,
  COMMAND_TOPIC,
  DEFAULT_MESSAGE_LIMITS,
  LEGACY_CHAT_TOPIC,
  MessageHub,
  MessageRefusedError,
  type Message,
  type MessageChannel,
  type MessageEventMap,
  type MessageKind,
  type MessageLimits,
  type MessageLimitsInit,
  type MessageSender,
  type MessageStatus,
  type MessageTransport,
} from './messages.js';
export {
  canShareScreen,
  deviceList,
  listDevices,
  refreshDeviceLists,
  localStorageDeviceMemory,
  memoryDeviceMemory,
  type DeviceKind,
  type DeviceList,
  type DeviceMemory,
  type DeviceOption,
} from './devices.js';
export { audioLevel } from './audio-level.js';
export {
  LocalMedia,
  videoPresets,
  parseVideoAttribute,
  resolveVideoSettings,
  videoConstraints,
  audioConstraints,
  type AudioCaptureSettings,
  type FacingMode,
  type LocalMediaInit,
  type LocalMediaOptions,
  type LocalMediaStatus,
  type LocalSource,
  type LocalTrackState,
  type VideoCaptureSettings,
  type VideoPresetName,
  type VideoSize,
} from './local-media.js';
export { connectionErrorCode } from './connection-error.js';
export { tokenEndpoint, readTokenClaims, type TokenGrant, type TokenProvider, type TokenRequest } from './token.js';
export {
  RECONNECTED_SETTLES_MS,
  RoomSession,
  type ConnectOptions,
  type RoomSessionOptions,
  type ScreenShareOptions,
  type RtcSession,
} from './room-session.js';
export {
  CAST_METADATA_KEY,
  CastController,
  HttpCastProvider,
  castStateFromRoomMetadata,
  parseCastState,
  type CastAction,
  type CastContext,
  type CastProvider,
  type CastRequest,
  type CastState,
} from './cast.js';
export { ScriptedSession, participantView, trackView } from './scripted-session.js';
export { VideoViews, type VideoDemand, type VideoView, type VideoViewState } from './video-views.js';
export {
  Call,
  CallClient,
  IncomingCall,
  OutgoingCall,
  PRESENCE_ROOM,
  isCallOver,
  isCallRinging,
  userIdOf,
  type CallClientEventMap,
  type CallClientOptions,
  type CallDirection,
  type CallMedia,
  type CallPeer,
  type CallState,
  type IncomingCallState,
  type InviteOptions,
  type OutgoingCallState,
  type PresenceState,
  type PresenceUser,
} from './calls.js';
export {
  TrackStates,
  playKey,
  type PlayState,
  type PlayStateDetail,
  type PublishState,
  type PublishStateDetail,
  type TrackStateMap,
} from './track-states.js';
export { statsReadable, summarizeTrackStats, type CallStats, type LayerStats, type StatsSource, type TrackStats } from './stats.js';
export {
  checkSystemRequirements,
  type BrowserInfo,
  type CodecName,
  type ConnectionTestOptions,
  type SystemCheckId,
  type SystemCheckItem,
  type SystemCheckOptions,
  type SystemCheckStatus,
  type SystemEnvironment,
  type SystemReport,
} from './system-check.js';
