import type { RtcErrorCode } from '../core/errors.js';
import type { CallState } from '../core/calls.js';
import type { ConnectionState } from '../core/types.js';
import { systemCheckStrings, type SystemCheckStrings } from './system-check-strings.js';

type ErrorStrings = { [K in `error.${RtcErrorCode}`]: string };
type StateStrings = { [K in `state.${ConnectionState}`]: string };
type CallStateStrings = { [K in `call.${CallState}`]: string };

/** Every string the elements show. `{name}`-style placeholders are filled by `translate`. */
export interface Strings extends ErrorStrings, StateStrings, CallStateStrings, SystemCheckStrings {
  you: string;
  camera: string;
  microphone: string;
  leave: string;
  callControls: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  pageOf: string;
  announceJoined: string;
  announceLeft: string;
  announceMicrophoneOff: string;
  announceMicrophoneOn: string;
  announceCameraOff: string;
  announceCameraOn: string;
  announceScreenShare: string;
  participantCount: string;
  'quality.excellent': string;
  'quality.good': string;
  'quality.poor': string;
  'quality.lost': string;
  'quality.unknown': string;
  participants: string;
  waitingForOthers: string;
  cameraOff: string;
  microphoneMuted: string;
  speaking: string;
  /** Beside the name of a participant whose token says they are an AI agent or bot. */
  agent: string;
  playMedia: string;
  playAudio: string;
  playbackBlocked: string;
  cameraPreview: string;
  microphoneLevel: string;
  noMedia: string;
  retry: string;
  rejoinIn: string;
  cast: string;
  castParticipant: string;
  castStart: string;
  castSwitch: string;
  castStop: string;
  castLive: string;
  castLiveWho: string;
  castLiveAway: string;
  castElapsed: string;
  castIdle: string;
  castStarting: string;
  castSwitching: string;
  castStopping: string;
  castFailed: string;
  castNoRoom: string;
  castNobody: string;
  screenShare: string;
  screenOf: string;
  youAreSharing: string;
  announceScreenShareStopped: string;
  'device.videoinput': string;
  'device.audioinput': string;
  'device.audiooutput': string;
  deviceNumbered: string;
  noDevices: string;
  settings: string;
  chat: string;
  nameYou: string;
  rejoin: string;
  statistics: string;
  closePanel: string;
  conference: string;
  inviteLink: string;
  linkCopied: string;
  copyInviteLink: string;
  copyFailed: string;
  layoutGrid: string;
  language: string;
  chatUnread: string;
  peopleInCall: string;
  more: string;
  deviceOptions: string;
  stopSharing: string;
  chatPlaceholder: string;
  prejoinTitle: string;
  yourName: string;
  join: string;
  joining: string;
  nameNeeded: string;
  barrage: string;
  chatMessage: string;
  chatSend: string;
  chatEmpty: string;
  chatSending: string;
  chatFailed: string;
  chatUncertain: string;
  chatNotDelivered: string;
  chatRetry: string;
  chatBytesLeft: string;
  layoutSpeaker: string;
  pin: string;
  stage: string;
  filmstrip: string;
  callUser: string;
  cancelCall: string;
  hangUp: string;
  callWith: string;
  callOffline: string;
  incomingCall: string;
  videoCall: string;
  voiceCall: string;
  acceptCall: string;
  declineCall: string;
  ringMuted: string;
  statsTitle: string;
  statsState: string;
  'mediaState.requesting': string;
  'mediaState.publishing': string;
  'mediaState.playing': string;
  'mediaState.stopped': string;
  'mediaState.failed': string;
  statsWaiting: string;
  statsSent: string;
  statsReceived: string;
  statsResolution: string;
  statsFrameRate: string;
  statsBitrate: string;
  statsPacketLoss: string;
  statsJitter: string;
  statsRoundTrip: string;
  statsCodec: string;
  statsLayers: string;
  statsLimited: string;
  'statsSource.camera': string;
  'statsSource.microphone': string;
  'statsSource.screen': string;
  'statsSource.screen-audio': string;
}

export const en: Strings = {
  ...systemCheckStrings.en,
  you: 'You',
  camera: 'Camera',
  microphone: 'Microphone',
  leave: 'Leave',
  callControls: 'Call controls',
  pages: 'Pages of participants',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: 'Page {page} of {pages}',
  announceJoined: '{name} joined',
  announceLeft: '{name} left',
  announceMicrophoneOff: '{name} muted their microphone',
  announceMicrophoneOn: '{name} turned their microphone on',
  announceCameraOff: '{name} turned their camera off',
  announceCameraOn: '{name} turned their camera on',
  announceScreenShare: '{name} is sharing their screen',
  participantCount: 'Participants ({count})',
  'quality.excellent': 'Connection excellent',
  'quality.good': 'Connection good',
  'quality.poor': 'Connection poor',
  'quality.lost': 'Connection lost',
  'quality.unknown': 'Connection unknown',
  participants: 'Participants',
  waitingForOthers: 'Waiting for others to join…',
  cameraOff: 'Camera off',
  microphoneMuted: 'Microphone muted',
  speaking: 'Speaking',
  agent: 'AI agent',
  playMedia: 'Play audio and video',
  playAudio: 'Play audio',
  playbackBlocked: 'The browser paused playback until you click.',
  cameraPreview: 'Camera preview',
  microphoneLevel: 'Microphone level',
  noMedia: 'No camera or microphone is in use. You can still join.',
  retry: 'Try again',
  rejoinIn: 'Trying again by itself in {seconds} s',
  cast: 'Broadcast',
  castParticipant: 'Participant to broadcast',
  castStart: 'Start broadcast',
  castSwitch: 'Switch to this participant',
  castStop: 'Stop broadcast',
  castLive: 'LIVE',
  castLiveWho: 'Broadcasting {name}',
  castLiveAway: 'Broadcasting {name}, who left the room: their last picture stays until you switch or stop',
  castElapsed: 'Live for {time}',
  castIdle: 'Not broadcasting',
  castStarting: 'Starting the broadcast of {name}…',
  castSwitching: 'Switching the broadcast to {name}…',
  castStopping: 'Stopping the broadcast…',
  castFailed: 'Broadcast failed: {message}',
  castNoRoom: 'Join a room to broadcast.',
  castNobody: 'Nobody to broadcast yet.',
  screenShare: 'Share screen',
  screenOf: '{name}’s screen',
  youAreSharing: 'You are sharing your screen',
  announceScreenShareStopped: '{name} stopped sharing their screen',
  'device.videoinput': 'Camera',
  'device.audioinput': 'Microphone',
  'device.audiooutput': 'Speaker',
  deviceNumbered: '{kind} {number}',
  noDevices: 'None found',
  settings: 'Settings',
  chat: 'Chat',
  nameYou: '{name} (you)',
  rejoin: 'Join again',
  statistics: 'Statistics',
  closePanel: 'Close {panel}',
  conference: 'Conference',
  inviteLink: 'Invite link',
  linkCopied: 'Link copied',
  copyInviteLink: 'Copy invite link',
  copyFailed: 'Could not copy: select the link and copy it yourself',
  layoutGrid: 'Grid view',
  language: 'Language',
  chatUnread: '{count} unread',
  peopleInCall: '{count} in the call',
  more: 'More',
  deviceOptions: '{device} settings',
  stopSharing: 'Stop sharing',
  chatPlaceholder: 'Write a message…',
  prejoinTitle: 'Ready to join?',
  yourName: 'Your name',
  join: 'Join',
  joining: 'Joining…',
  nameNeeded: 'Enter your name to join.',
  barrage: 'Barrage',
  chatMessage: 'Message',
  chatSend: 'Send',
  chatEmpty: 'No messages yet.',
  chatSending: 'Sending…',
  chatFailed: 'Not sent',
  chatUncertain: 'May not have arrived',
  chatNotDelivered: 'Not delivered to {names}',
  chatRetry: 'Send again',
  chatBytesLeft: '{count} bytes left',
  layoutSpeaker: 'Speaker view',
  pin: 'Pin {name}',
  stage: 'Main view',
  filmstrip: 'Other participants',
  'state.idle': 'Not connected',
  'state.connecting': 'Connecting…',
  'state.connected': 'Connected',
  'state.reconnecting': 'Connection lost, reconnecting…',
  'state.reconnected': 'Reconnected',
  'state.failed': 'Connection failed',
  'state.kicked': 'You were removed from the room',
  'state.disconnected': 'You left the room',
  'error.permission-denied': 'Camera or microphone access was denied. Allow it in the browser’s site settings, then try again.',
  'error.device-not-found': 'No camera or microphone was found. Connect one, or join without it.',
  'error.device-in-use': 'The camera or microphone is in use by another application.',
  'error.constraints-unsatisfiable': 'The camera cannot provide the requested resolution.',
  'error.insecure-context': 'Camera and microphone only work on secure pages (HTTPS or localhost).',
  'error.media-unsupported': 'This browser cannot use a camera or microphone.',
  'error.invalid-url': 'The server address is not valid.',
  'error.missing-token': 'No access token was provided.',
  'error.token-fetch-failed': 'Could not get an access token.',
  'error.unauthorized': 'The server refused the access token (invalid or expired).',
  'error.room-full': 'The room is full.',
  'error.server-unreachable': 'The server could not be reached.',
  'error.connection-timeout': 'Connecting took too long.',
  'error.connection-cancelled': 'Connecting was cancelled.',
  'error.reconnect-failed': 'The connection was lost and could not be restored.',
  'error.kicked': 'You were removed from the room.',
  'error.duplicate-identity': 'You joined this room from somewhere else.',
  'error.room-closed': 'The room was closed.',
  'error.not-connected': 'You are not connected to a room.',
  'error.publish-failed': 'Your camera or microphone could not be shared.',
  'error.subscribe-failed': 'A participant’s media could not be received.',
  'error.screen-share-cancelled': 'Screen sharing was cancelled.',
  'error.screen-share-unsupported': 'This browser cannot share the screen.',
  'error.autoplay-blocked': 'The browser blocked playback until you interact with the page.',
  'error.message-empty': 'There is nothing to send.',
  'error.message-too-large': 'The message is too long (or empty).',
  'error.rate-limited': 'You are sending too fast; wait a moment.',
  'error.no-permission': 'You are not allowed to send messages in this room.',
  'error.queue-full': 'Too many messages are waiting for the connection.',
  'error.send-failed': 'The message could not be sent.',
  'error.delivery-uncertain': 'The connection was reset; this message may not have arrived.',
  'error.not-delivered': 'Not everyone in the room received this message.',
  'error.media-stalled': 'A participant’s media stopped arriving and could not be restored.',
  'error.cast-no-provider': 'Broadcasting is not set up for this room.',
  'error.cast-request-failed': 'The broadcast request failed.',
  'error.cast-forbidden': 'You are not allowed to control the broadcast.',
  'error.cast-busy': 'Another broadcast request is still on its way.',
  'error.cast-participant-not-found': 'That participant is not in the room any more.',
  'error.cast-conflict': 'The broadcast changed meanwhile (it is already running, or already stopped).',
  'error.cast-egress-unavailable': 'The broadcast service is not available.',
  'error.cast-start-timeout': 'The broadcast did not start in time.',
  'error.cast-failed': 'The broadcast stopped because of an error.',
  'error.call-ended': 'The call ended.',
  'error.user-data-too-large': 'The user data is too large to send.',
  callUser: 'Call {name}',
  cancelCall: 'Cancel the call to {name}',
  hangUp: 'Hang up',
  callWith: 'Call with {name}',
  callOffline: '{name} is offline',
  incomingCall: '{name} is calling',
  videoCall: 'Video call',
  voiceCall: 'Voice call',
  acceptCall: 'Accept',
  declineCall: 'Decline',
  ringMuted: 'The ringtone needs a click on the page to play.',
  statsTitle: 'Call statistics',
  statsState: 'State',
  'mediaState.requesting': 'Requesting',
  'mediaState.publishing': 'Publishing',
  'mediaState.playing': 'Playing',
  'mediaState.stopped': 'Stopped',
  'mediaState.failed': 'Failed',
  statsWaiting: 'Collecting statistics…',
  statsSent: 'sent',
  statsReceived: 'received',
  statsResolution: 'Resolution',
  statsFrameRate: 'Frame rate',
  statsBitrate: 'Bitrate',
  statsPacketLoss: 'Packet loss',
  statsJitter: 'Jitter',
  statsRoundTrip: 'Round trip',
  statsCodec: 'Codec',
  statsLayers: 'Layers sent',
  statsLimited: 'Held back by',
  'statsSource.camera': 'Camera',
  'statsSource.microphone': 'Microphone',
  'statsSource.screen': 'Screen',
  'statsSource.screen-audio': 'Screen audio',
  'call.inviting': 'Calling {name}…',
  'call.ringing': 'Ringing {name}…',
  'call.accepting': 'Answering…',
  'call.accepted': 'Connecting…',
  'call.connecting': 'Connecting…',
  'call.connected': 'In a call with {name}',
  'call.ended': 'Call ended',
  'call.rejected': 'Call declined',
  'call.busy': '{name} is busy',
  'call.cancelled': 'Call cancelled',
  'call.timeout': 'No answer from {name}',
  'call.unavailable': '{name} is not online',
  'call.failed': 'The call failed',
  'call.missed': 'Missed call from {name}',
  'call.answered-elsewhere': 'Answered on another device',
  'call.rejected-elsewhere': 'Declined on another device',
  'error.unknown': 'Something went wrong.',
};

export const zhCN: Strings = {
  ...systemCheckStrings.zhCN,
  you: '我',
  camera: '摄像头',
  microphone: '麦克风',
  leave: '离开',
  callControls: '通话控制',
  pages: '参会者分页',
  previousPage: '上一页',
  nextPage: '下一页',
  pageOf: '第 {page} 页，共 {pages} 页',
  announceJoined: '{name} 加入了会议',
  announceLeft: '{name} 离开了会议',
  announceMicrophoneOff: '{name} 关闭了麦克风',
  announceMicrophoneOn: '{name} 打开了麦克风',
  announceCameraOff: '{name} 关闭了摄像头',
  announceCameraOn: '{name} 打开了摄像头',
  announceScreenShare: '{name} 正在共享屏幕',
  participantCount: '参会者（{count}）',
  'quality.excellent': '网络极好',
  'quality.good': '网络良好',
  'quality.poor': '网络较差',
  'quality.lost': '网络已断开',
  'quality.unknown': '网络状况未知',
  participants: '参会者',
  waitingForOthers: '正在等待其他人加入…',
  cameraOff: '摄像头已关闭',
  microphoneMuted: '麦克风已静音',
  speaking: '正在发言',
  agent: 'AI 智能体',
  playMedia: '播放音视频',
  playAudio: '播放声音',
  playbackBlocked: '浏览器已暂停播放，请点击继续。',
  cameraPreview: '摄像头预览',
  microphoneLevel: '麦克风音量',
  noMedia: '未使用摄像头或麦克风，仍可加入。',
  retry: '重试',
  rejoinIn: '{seconds} 秒后自动重试',
  cast: '直播',
  castParticipant: '直播的参会者',
  castStart: '开始直播',
  castSwitch: '切换到该参会者',
  castStop: '停止直播',
  castLive: '直播中',
  castLiveWho: '正在直播 {name}',
  castLiveAway: '正在直播 {name}（已离开房间）：保留其最后画面，直到切换或停止',
  castElapsed: '已直播 {time}',
  castIdle: '未在直播',
  castStarting: '正在开始直播 {name}…',
  castSwitching: '正在将直播切换到 {name}…',
  castStopping: '正在停止直播…',
  castFailed: '直播失败：{message}',
  castNoRoom: '加入房间后才能直播。',
  castNobody: '暂无可直播的参会者。',
  screenShare: '共享屏幕',
  screenOf: '{name} 的屏幕',
  youAreSharing: '你正在共享屏幕',
  announceScreenShareStopped: '{name} 停止了屏幕共享',
  'device.videoinput': '摄像头',
  'device.audioinput': '麦克风',
  'device.audiooutput': '扬声器',
  deviceNumbered: '{kind} {number}',
  noDevices: '未找到设备',
  settings: '设置',
  chat: '聊天',
  nameYou: '{name}（我）',
  rejoin: '重新加入',
  statistics: '通话统计',
  closePanel: '关闭{panel}',
  conference: '会议',
  inviteLink: '邀请链接',
  linkCopied: '链接已复制',
  copyInviteLink: '复制邀请链接',
  copyFailed: '无法复制：请选中链接后手动复制',
  layoutGrid: '宫格视图',
  language: '语言',
  chatUnread: '{count} 条未读',
  peopleInCall: '通话中共 {count} 人',
  more: '更多',
  deviceOptions: '{device}设置',
  stopSharing: '停止共享',
  chatPlaceholder: '输入消息…',
  prejoinTitle: '准备好加入了吗？',
  yourName: '你的名字',
  join: '加入',
  joining: '正在加入…',
  nameNeeded: '请输入名字后加入。',
  barrage: '弹幕',
  chatMessage: '消息',
  chatSend: '发送',
  chatEmpty: '暂无消息。',
  chatSending: '发送中…',
  chatFailed: '未发送',
  chatUncertain: '可能未送达',
  chatNotDelivered: '{names} 未收到',
  chatRetry: '重新发送',
  chatBytesLeft: '还可输入 {count} 字节',
  layoutSpeaker: '演讲者视图',
  pin: '置顶 {name}',
  stage: '主画面',
  filmstrip: '其他参会者',
  'state.idle': '未连接',
  'state.connecting': '正在连接…',
  'state.connected': '已连接',
  'state.reconnecting': '连接已断开，正在重连…',
  'state.reconnected': '已重新连接',
  'state.failed': '连接失败',
  'state.kicked': '你已被移出房间',
  'state.disconnected': '你已离开房间',
  'error.permission-denied': '摄像头或麦克风权限被拒绝。请在浏览器的网站设置中允许后重试。',
  'error.device-not-found': '未找到摄像头或麦克风。请连接设备，或不使用设备直接加入。',
  'error.device-in-use': '摄像头或麦克风正被其他应用占用。',
  'error.constraints-unsatisfiable': '摄像头无法提供所需的分辨率。',
  'error.insecure-context': '摄像头和麦克风只能在安全页面（HTTPS 或 localhost）上使用。',
  'error.media-unsupported': '此浏览器无法使用摄像头或麦克风。',
  'error.invalid-url': '服务器地址无效。',
  'error.missing-token': '未提供访问令牌。',
  'error.token-fetch-failed': '无法获取访问令牌。',
  'error.unauthorized': '服务器拒绝了访问令牌（无效或已过期）。',
  'error.room-full': '房间已满。',
  'error.server-unreachable': '无法连接到服务器。',
  'error.connection-timeout': '连接超时。',
  'error.connection-cancelled': '连接已取消。',
  'error.reconnect-failed': '连接已断开且无法恢复。',
  'error.kicked': '你已被移出房间。',
  'error.duplicate-identity': '你已在其他地方加入了此房间。',
  'error.room-closed': '房间已关闭。',
  'error.not-connected': '你尚未连接到房间。',
  'error.publish-failed': '无法共享你的摄像头或麦克风。',
  'error.subscribe-failed': '无法接收参会者的音视频。',
  'error.screen-share-cancelled': '已取消屏幕共享。',
  'error.screen-share-unsupported': '此浏览器不支持屏幕共享。',
  'error.autoplay-blocked': '浏览器阻止了自动播放，请与页面交互后继续。',
  'error.message-empty': '消息为空，无需发送。',
  'error.message-too-large': '消息过长（或为空）。',
  'error.rate-limited': '发送太快，请稍候。',
  'error.no-permission': '你无权在此房间发送消息。',
  'error.queue-full': '等待发送的消息过多。',
  'error.send-failed': '消息发送失败。',
  'error.delivery-uncertain': '连接已重置，此消息可能未送达。',
  'error.not-delivered': '房间里有人没有收到这条消息。',
  'error.media-stalled': '某位成员的音视频中断，未能恢复。',
  'error.cast-no-provider': '此房间未配置直播。',
  'error.cast-request-failed': '直播请求失败。',
  'error.cast-forbidden': '你无权控制直播。',
  'error.cast-busy': '上一个直播请求仍在处理中。',
  'error.cast-participant-not-found': '该参会者已不在房间中。',
  'error.cast-conflict': '直播状态已变化（已在直播或已停止）。',
  'error.cast-egress-unavailable': '直播服务不可用。',
  'error.cast-start-timeout': '直播未能及时开始。',
  'error.cast-failed': '直播因错误而停止。',
  'error.call-ended': '通话已结束。',
  'error.user-data-too-large': '用户数据过大，无法发送。',
  callUser: '呼叫{name}',
  cancelCall: '取消呼叫{name}',
  hangUp: '挂断',
  callWith: '与{name}的通话',
  callOffline: '{name}不在线',
  incomingCall: '{name}来电',
  videoCall: '视频通话',
  voiceCall: '语音通话',
  acceptCall: '接听',
  declineCall: '拒绝',
  ringMuted: '点击页面后才能播放铃声。',
  statsTitle: '通话统计',
  statsState: '状态',
  'mediaState.requesting': '请求中',
  'mediaState.publishing': '推流中',
  'mediaState.playing': '拉流中',
  'mediaState.stopped': '已停止',
  'mediaState.failed': '失败',
  statsWaiting: '正在收集统计数据…',
  statsSent: '发送',
  statsReceived: '接收',
  statsResolution: '分辨率',
  statsFrameRate: '帧率',
  statsBitrate: '码率',
  statsPacketLoss: '丢包率',
  statsJitter: '抖动',
  statsRoundTrip: '往返时延',
  statsCodec: '编码',
  statsLayers: '发送的分层',
  statsLimited: '受限原因',
  'statsSource.camera': '摄像头',
  'statsSource.microphone': '麦克风',
  'statsSource.screen': '屏幕',
  'statsSource.screen-audio': '屏幕声音',
  'call.inviting': '正在呼叫{name}…',
  'call.ringing': '等待{name}接听…',
  'call.accepting': '正在接听…',
  'call.accepted': '正在接通…',
  'call.connecting': '正在接通…',
  'call.connected': '正在与{name}通话',
  'call.ended': '通话已结束',
  'call.rejected': '通话已被拒绝',
  'call.busy': '{name}正忙',
  'call.cancelled': '通话已取消',
  'call.timeout': '{name}无应答',
  'call.unavailable': '{name}不在线',
  'call.failed': '通话失败',
  'call.missed': '{name}的未接来电',
  'call.answered-elsewhere': '已在其他设备接听',
  'call.rejected-elsewhere': '已在其他设备拒接',
  'error.unknown': '出现了问题。',
};
