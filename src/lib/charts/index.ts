export { renderMonthlyTrend } from './monthly-trend';
export type { MonthlyPoint, MonthlyTrendLabels } from './monthly-trend';
export { PALETTE, CHART_FONT } from './theme';
