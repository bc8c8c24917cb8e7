export { locale, t } from './locale.svelte';
export { actionFailureText } from './failure';
export type { Locale } from './locale.svelte';
export type { MessageKey } from './messages';
export { formatRate, formatCount, formatBytes, formatHours, formatChange, formatMetric } from './format';
