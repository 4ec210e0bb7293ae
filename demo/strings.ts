/** The demo page's own words, in the languages the kit speaks. The kit's elements translate themselves. */
const strings = {
  en: {
    title: 'rtc-elements meeting',
    language: 'Language',
    room: 'Room',
    checkBrowser: 'Check this browser',
    oneToOne: '1:1 calls',
    oneToOneHint: 'People who have this page open. A call rings them wherever they are.',
    nobodyOnline: 'Nobody else is online. Open the invite link in another tab to have someone to call.',
    barrage: 'Barrage: a message that flies over everyone’s video',
    barrageHint: '666',
    throw: 'Send',
    recordings: 'Watch what was broadcast (recorded by the dev server)',
    leaveForCall: 'Leave the meeting to take this call?',
    leaveForCallText: 'You are in a meeting. Taking the call leaves it: nothing of yours goes to two rooms at once.',
    leaveAndAnswer: 'Leave and answer',
    leaveAndCall: 'Leave and call',
    stay: 'Stay in the meeting',
    callFromMeeting: 'Leave the meeting to call {name}?',
    left: 'You left the room.',
  },
  'zh-CN': {
    title: 'rtc-elements 会议',
    language: '语言',
    room: '房间',
    checkBrowser: '检查浏览器',
    oneToOne: '一对一通话',
    oneToOneHint: '正在打开本页的人。呼叫会在他们所在的任何页面响铃。',
    nobodyOnline: '暂无其他人在线。在另一个标签页打开邀请链接，就有人可以呼叫了。',
    barrage: '弹幕：从所有人的画面上飞过',
    barrageHint: '666',
    throw: '发送',
    recordings: '观看直播录像（由开发服务器录制）',
    leaveForCall: '离开会议并接听？',
    leaveForCallText: '你正在会议中。接听会离开会议：你的画面和声音不会同时进入两个房间。',
    leaveAndAnswer: '离开并接听',
    leaveAndCall: '离开并呼叫',
    stay: '留在会议中',
    callFromMeeting: '离开会议并呼叫{name}？',
    left: '你已离开房间。',
  },
} as const;

export type DemoKey = keyof (typeof strings)['en'];

export const LANGUAGES = ['en', 'zh-CN'] as const;

/** The supported language closest to `lang`: Chinese of any kind is zh-CN, anything else English. */
export function supported(lang: string | null | undefined): (typeof LANGUAGES)[number] {
  return lang?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function say(key: DemoKey, params: Record<string, string> = {}): string {
  const text: string = strings[supported(document.documentElement.lang)][key];
  return text.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
}

/** Fills every `[data-say]` element with its words in the page's language. */
export function translatePage(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-say]')) element.textContent = say(element.dataset.say as DemoKey);
  for (const input of document.querySelectorAll<HTMLInputElement>('[data-placeholder]')) input.placeholder = say(input.dataset.placeholder as DemoKey);
  document.title = say('title');
}
