// Classes, event classes, types and contexts. Importing this registers no tag: import 'rtc-elements/define' for that.
export { RtcRoom } from './elements/room/room.js';
export { RtcParticipantVideo } from './elements/participant-video/participant-video.js';
export { RtcLocalPreview } from './elements/local-preview/local-preview.js';
export { RtcCastControls } from './elements/cast-controls/cast-controls.js';
export { RtcConnectionStatus } from './elements/connection-status/connection-status.js';
export { RtcMediaToggle, type ToggleSource } from './elements/media-toggle/media-toggle.js';
export { RtcLeaveButton } from './elements/leave-button/leave-button.js';
export { RtcControlBar } from './elements/control-bar/control-bar.js';
export { RtcAudioUnlock } from './elements/audio-unlock/audio-unlock.js';
export { RtcGrid, fitColumns } from './elements/grid/grid.js';
export { RtcParticipantList } from './elements/participant-list/participant-list.js';
export { audioPlaybackContext, type AudioPlayback } from './context/audio-playback-context.js';
export * from './events/index.js';
export { sessionContext } from './context/session-context.js';
export { ReadableController } from './controllers/readable-controller.js';
export { LocalizeController } from './controllers/localize-controller.js';
export { registerTranslation, translate, type StringKey, type Strings } from './i18n/index.js';
export * from './core/index.js';
