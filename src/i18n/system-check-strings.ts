/** Strings of `<rtc-system-check>`, kept apart so the checklist's words live in one place. */
export interface SystemCheckStrings {
  systemCheck: string;
  'systemCheck.checking': string;
  'systemCheck.ready': string;
  'systemCheck.readyWithNotes': string;
  'systemCheck.notReady': string;
  'systemCheck.rerun': string;
  'systemCheck.browser': string;
  'systemCheck.status.pass': string;
  'systemCheck.status.fail': string;
  'systemCheck.status.warn': string;
  'systemCheck.status.unknown': string;
  'systemCheck.label.webrtc': string;
  'systemCheck.label.secure-context': string;
  'systemCheck.label.get-user-media': string;
  'systemCheck.label.camera': string;
  'systemCheck.label.microphone': string;
  'systemCheck.label.camera-permission': string;
  'systemCheck.label.microphone-permission': string;
  'systemCheck.label.screen-share': string;
  'systemCheck.label.audio-output': string;
  'systemCheck.label.video-codec': string;
  'systemCheck.label.audio-codec': string;
  'systemCheck.label.connection': string;
  'systemCheck.webrtc.pass': string;
  'systemCheck.webrtc.fail': string;
  'systemCheck.secure-context.pass': string;
  'systemCheck.secure-context.fail': string;
  'systemCheck.get-user-media.pass': string;
  'systemCheck.get-user-media.fail': string;
  'systemCheck.device.found': string;
  'systemCheck.device.count': string;
  'systemCheck.device.unlisted': string;
  'systemCheck.device.notStarted': string;
  'systemCheck.camera.none': string;
  'systemCheck.microphone.none': string;
  'systemCheck.permission.granted': string;
  'systemCheck.permission.prompt': string;
  'systemCheck.permission.denied': string;
  'systemCheck.permission.unknown': string;
  'systemCheck.screen-share.pass': string;
  'systemCheck.screen-share.warn': string;
  'systemCheck.audio-output.pass': string;
  'systemCheck.audio-output.warn': string;
  'systemCheck.codec.both': string;
  'systemCheck.codec.send': string;
  'systemCheck.codec.receive': string;
  'systemCheck.codec.none': string;
  'systemCheck.connection.pass': string;
  'systemCheck.unknown': string;
  'systemCheck.remedy.insecure-context': string;
  'systemCheck.remedy.media-unsupported': string;
  'systemCheck.remedy.camera': string;
  'systemCheck.remedy.microphone': string;
  'systemCheck.remedy.permission-denied': string;
  'systemCheck.remedy.prompt': string;
  'systemCheck.remedy.device-in-use': string;
  'systemCheck.remedy.unauthorized': string;
  'systemCheck.remedy.network': string;
  'systemCheck.remedy.setup': string;
}

export const systemCheckStrings: { en: SystemCheckStrings; zhCN: SystemCheckStrings } = {
  en: {
    systemCheck: 'System check',
    'systemCheck.checking': 'Checking this browser…',
    'systemCheck.ready': 'This browser is ready for calls.',
    'systemCheck.readyWithNotes': 'This browser is ready for calls. Items to look at: {count}.',
    'systemCheck.notReady': 'This browser is not ready for calls. Failed checks: {count}.',
    'systemCheck.rerun': 'Check again',
    'systemCheck.browser': 'Browser: {name} {version}',
    'systemCheck.status.pass': 'Passed',
    'systemCheck.status.fail': 'Failed',
    'systemCheck.status.warn': 'Warning',
    'systemCheck.status.unknown': 'Unknown',
    'systemCheck.label.webrtc': 'WebRTC',
    'systemCheck.label.secure-context': 'Secure page',
    'systemCheck.label.get-user-media': 'Camera and microphone access',
    'systemCheck.label.camera': 'Camera',
    'systemCheck.label.microphone': 'Microphone',
    'systemCheck.label.camera-permission': 'Camera permission',
    'systemCheck.label.microphone-permission': 'Microphone permission',
    'systemCheck.label.screen-share': 'Screen sharing',
    'systemCheck.label.audio-output': 'Speaker choice',
    'systemCheck.label.video-codec': 'Video codec {codec}',
    'systemCheck.label.audio-codec': 'Audio codec {codec}',
    'systemCheck.label.connection': 'Connection to the server',
    'systemCheck.webrtc.pass': 'The browser can make WebRTC calls.',
    'systemCheck.webrtc.fail': 'This browser cannot make WebRTC calls.',
    'systemCheck.secure-context.pass': 'The page is secure (HTTPS or localhost).',
    'systemCheck.secure-context.fail': 'The page is not secure, so the browser keeps the camera and microphone from it.',
    'systemCheck.get-user-media.pass': 'The page can ask for the camera and microphone.',
    'systemCheck.get-user-media.fail': 'The browser gives this page no camera or microphone.',
    'systemCheck.device.found': 'Connected.',
    'systemCheck.device.count': 'Connected: {count}.',
    'systemCheck.device.unlisted': 'The browser does not list devices on this page.',
    'systemCheck.device.notStarted': 'Connected, but it could not be started.',
    'systemCheck.camera.none': 'No camera is connected.',
    'systemCheck.microphone.none': 'No microphone is connected.',
    'systemCheck.permission.granted': 'Allowed.',
    'systemCheck.permission.prompt': 'Not allowed yet: the browser will ask.',
    'systemCheck.permission.denied': 'Blocked for this page.',
    'systemCheck.permission.unknown': 'The browser does not say until it asks.',
    'systemCheck.screen-share.pass': 'You can share a screen, window or tab.',
    'systemCheck.screen-share.warn': 'This browser cannot share a screen.',
    'systemCheck.audio-output.pass': 'You can choose the speaker on the page.',
    'systemCheck.audio-output.warn': 'The speaker is chosen in the system settings, not on the page.',
    'systemCheck.codec.both': 'Sends and receives.',
    'systemCheck.codec.send': 'Sends only.',
    'systemCheck.codec.receive': 'Receives only.',
    'systemCheck.codec.none': 'Not supported.',
    'systemCheck.connection.pass': 'Connected in {ms} ms.',
    'systemCheck.unknown': 'Could not be checked.',
    'systemCheck.remedy.insecure-context':
      'Open the page over HTTPS, or on localhost: browsers give the camera and microphone only to secure pages.',
    'systemCheck.remedy.media-unsupported': 'Use a current version of Chrome, Edge, Firefox or Safari.',
    'systemCheck.remedy.camera': 'Connect a camera, or join without video.',
    'systemCheck.remedy.microphone': 'Connect a microphone, or join without sound.',
    'systemCheck.remedy.permission-denied': 'Allow it in the browser’s site settings (the icon next to the address), then check again.',
    'systemCheck.remedy.prompt': 'Choose “Allow” when the browser asks.',
    'systemCheck.remedy.device-in-use': 'Close other apps or tabs that use the camera or microphone, then check again.',
    'systemCheck.remedy.unauthorized': 'The access token was refused: open a fresh meeting link, or sign in again.',
    'systemCheck.remedy.network': 'Check the network; a firewall or proxy may be blocking the server. Then check again.',
    'systemCheck.remedy.setup': 'The page is not set up to reach a server; tell whoever runs it.',
  },
  zhCN: {
    systemCheck: '系统检测',
    'systemCheck.checking': '正在检测此浏览器…',
    'systemCheck.ready': '此浏览器可以进行通话。',
    'systemCheck.readyWithNotes': '此浏览器可以进行通话。需要留意的项目：{count} 项。',
    'systemCheck.notReady': '此浏览器无法进行通话。未通过的检测：{count} 项。',
    'systemCheck.rerun': '重新检测',
    'systemCheck.browser': '浏览器：{name} {version}',
    'systemCheck.status.pass': '通过',
    'systemCheck.status.fail': '未通过',
    'systemCheck.status.warn': '注意',
    'systemCheck.status.unknown': '未知',
    'systemCheck.label.webrtc': 'WebRTC',
    'systemCheck.label.secure-context': '安全页面',
    'systemCheck.label.get-user-media': '摄像头和麦克风访问',
    'systemCheck.label.camera': '摄像头',
    'systemCheck.label.microphone': '麦克风',
    'systemCheck.label.camera-permission': '摄像头权限',
    'systemCheck.label.microphone-permission': '麦克风权限',
    'systemCheck.label.screen-share': '屏幕共享',
    'systemCheck.label.audio-output': '扬声器选择',
    'systemCheck.label.video-codec': '视频编码 {codec}',
    'systemCheck.label.audio-codec': '音频编码 {codec}',
    'systemCheck.label.connection': '服务器连接',
    'systemCheck.webrtc.pass': '浏览器支持 WebRTC 通话。',
    'systemCheck.webrtc.fail': '此浏览器不支持 WebRTC 通话。',
    'systemCheck.secure-context.pass': '页面是安全的（HTTPS 或 localhost）。',
    'systemCheck.secure-context.fail': '页面不安全，浏览器不允许它使用摄像头和麦克风。',
    'systemCheck.get-user-media.pass': '页面可以请求使用摄像头和麦克风。',
    'systemCheck.get-user-media.fail': '浏览器不向此页面提供摄像头或麦克风。',
    'systemCheck.device.found': '已连接。',
    'systemCheck.device.count': '已连接 {count} 个。',
    'systemCheck.device.unlisted': '浏览器不在此页面列出设备。',
    'systemCheck.device.notStarted': '已连接，但无法启动。',
    'systemCheck.camera.none': '未连接摄像头。',
    'systemCheck.microphone.none': '未连接麦克风。',
    'systemCheck.permission.granted': '已允许。',
    'systemCheck.permission.prompt': '尚未允许：浏览器会询问你。',
    'systemCheck.permission.denied': '此页面已被阻止使用。',
    'systemCheck.permission.unknown': '浏览器在询问之前不会告知。',
    'systemCheck.screen-share.pass': '可以共享屏幕、窗口或标签页。',
    'systemCheck.screen-share.warn': '此浏览器无法共享屏幕。',
    'systemCheck.audio-output.pass': '可以在页面中选择扬声器。',
    'systemCheck.audio-output.warn': '扬声器需在系统设置中选择，无法在页面中选择。',
    'systemCheck.codec.both': '可发送和接收。',
    'systemCheck.codec.send': '仅可发送。',
    'systemCheck.codec.receive': '仅可接收。',
    'systemCheck.codec.none': '不支持。',
    'systemCheck.connection.pass': '连接成功，用时 {ms} 毫秒。',
    'systemCheck.unknown': '无法检测。',
    'systemCheck.remedy.insecure-context': '请通过 HTTPS 或在 localhost 上打开此页面：浏览器只允许安全页面使用摄像头和麦克风。',
    'systemCheck.remedy.media-unsupported': '请使用最新版的 Chrome、Edge、Firefox 或 Safari。',
    'systemCheck.remedy.camera': '请连接摄像头，或不开视频加入。',
    'systemCheck.remedy.microphone': '请连接麦克风，或不开麦克风加入。',
    'systemCheck.remedy.permission-denied': '请在浏览器的网站设置（地址栏旁的图标）中允许，然后重新检测。',
    'systemCheck.remedy.prompt': '浏览器询问时，请选择“允许”。',
    'systemCheck.remedy.device-in-use': '请关闭正在使用摄像头或麦克风的其他应用或标签页，然后重新检测。',
    'systemCheck.remedy.unauthorized': '访问令牌被拒绝：请重新打开会议链接或重新登录。',
    'systemCheck.remedy.network': '请检查网络，防火墙或代理可能拦截了服务器，然后重新检测。',
    'systemCheck.remedy.setup': '页面未正确配置服务器，请联系页面管理员。',
  },
};
