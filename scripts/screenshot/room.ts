// The default <rtc-room> with the stories' four-person meeting (synthetic video, no server), for
// `npm run screenshot`.
import '../../src/define.js';
import { scriptedMeeting } from '../../stories/support/scenes.js';

const room = document.createElement('rtc-room');
room.manual = true;
room.room = 'daily-standup';
room.session = scriptedMeeting('connected');
room.style.height = '560px';
room.layout = new URLSearchParams(location.search).get('layout') === 'speaker' ? 'speaker' : 'grid';
document.body.append(room);
