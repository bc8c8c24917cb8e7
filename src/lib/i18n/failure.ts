// What a failed action says to the user. An error that carries its own words in both languages
// (CommitError, ImportError and the like: `zh` and `en`) says them; any other is internal, so the
// user reads a sentence of ours, and the caller logs the detail to the browser console.
import { fill } from './fill';
import type { Locale } from './locale.svelte';
import { en, zh } from './messages';

export interface Worded {
  zh: string;
  en: string;
}

/** The error's own words, when it has them in both languages. */
export function wordsOf(error: unknown): Worded | null {
  if (typeof error !== 'object' || error === null) return null;
  const { zh, en } = error as Partial<Record<keyof Worded, unknown>>;
  return typeof zh === 'string' && typeof en === 'string' ? { zh, en } : null;
}

/** The line a failed data action shows, in `locale`. */
export function actionFailureText(error: unknown, locale: Locale): string {
  const messages = locale === 'en' ? en : zh;
  const words = wordsOf(error);
  if (!words) return messages['data.actionFailedInternal'];
  return fill(messages['data.actionFailed'], { message: locale === 'en' ? words.en : words.zh });
}
