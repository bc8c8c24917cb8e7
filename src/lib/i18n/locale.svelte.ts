import { fill } from './fill';
import { en, zh, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';

const STORAGE_KEY = 'gov-workbench:v1:locale';

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

class LocaleState {
  current = $state<Locale>(initialLocale());

  set(locale: Locale): void {
    this.current = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be unavailable (private mode); the switch still works for this visit.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  toggle(): void {
    this.set(this.current === 'zh-CN' ? 'en' : 'zh-CN');
  }
}

export const locale = new LocaleState();

/** The string for `key` in the current locale, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(locale.current === 'en' ? en[key] : zh[key], params);
}
