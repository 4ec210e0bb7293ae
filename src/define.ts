/** Registers every rtc-elements tag. Import once, anywhere: `import 'rtc-elements/define';` */
import './elements/room/rtc-room.js';
import './elements/participant-video/rtc-participant-video.js';
import './elements/local-preview/rtc-local-preview.js';
import './elements/cast-controls/rtc-cast-controls.js';
import './elements/connection-status/rtc-connection-status.js';
import './elements/media-toggle/rtc-media-toggle.js';
import './elements/leave-button/rtc-leave-button.js';
import './elements/control-bar/rtc-control-bar.js';
import './elements/audio-unlock/rtc-audio-unlock.js';
import './elements/grid/rtc-grid.js';
import './elements/participant-list/rtc-participant-list.js';
import './elements/device-select/rtc-device-select.js';
import './elements/speaker-layout/rtc-speaker-layout.js';
import './elements/layout-toggle/rtc-layout-toggle.js';
import './elements/cast-view/rtc-cast-view.js';
import './elements/chat/rtc-chat.js';
import './elements/barrage/rtc-barrage.js';
