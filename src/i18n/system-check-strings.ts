/** Strings of `<rtc-system-check>`, kept apart so the checklist's words live in one place. */
export interface SystemCheckStrings {
  systemCheck: string;
}

export const systemCheckStrings: { en: SystemCheckStrings; zhCN: SystemCheckStrings } = {
  en: { systemCheck: 'System check' },
  zhCN: { systemCheck: '系统检测' },
};
