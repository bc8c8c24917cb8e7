// The plain-language 口径 of every metric, for the definitions page, tooltips and exports, and
// which settings change each figure, so a figure computed under non-default settings can say so.
import type { EnterpriseMetricId } from './enterprise';
import type { GridMetricId } from './grid';
import type { MetricSettings, SettingKey } from './settings';
import { diffFromDefault } from './settings';
import type { TicketMetricId } from './tickets';

export type MetricUnit = 'count' | 'rate' | 'hours';
export type Lang = 'zh' | 'en';
export type MetricTable = 'tickets' | 'grid_events' | 'enterprise_requests';

/** Which way a figure improves; null for volumes (more tickets is neither good nor bad). */
export type MetricDirection = 'higher' | 'lower' | null;

export interface MetricDefinition {
  unit: MetricUnit;
  /** Which way is better: screens colour a change by it, the review deck and rankings read it too. */
  better: MetricDirection;
  zh: string;
  en: string;
  /** Settings that can change the value. */
  settings: readonly SettingKey[];
}

/** Each definition with its direction: lower is better for `lower`, no direction for `neutral`, higher for the rest. */
function directed<Id extends string>(
  text: Readonly<Record<Id, Omit<MetricDefinition, 'better'>>>,
  lower: readonly Id[],
  neutral: readonly Id[],
): Readonly<Record<Id, MetricDefinition>> {
  const out = {} as Record<Id, MetricDefinition>;
  for (const id of Object.keys(text) as Id[]) {
    out[id] = { ...text[id], better: lower.includes(id) ? 'lower' : neutral.includes(id) ? null : 'higher' };
  }
  return out;
}

const SATISFACTION: readonly SettingKey[] = ['excludedExitReasons', 'basicSatisfiedCounts', 'satisfactionVariant'];
const DEADLINE: readonly SettingKey[] = ['asOf', 'durationMode', 'deadlineWorkingDays'];
const DURATION: readonly SettingKey[] = ['durationMode'];

const TICKET_DEFINITIONS_TEXT: Readonly<Record<TicketMetricId, Omit<MetricDefinition, 'better'>>> = {
  total: { unit: 'count', zh: '期间内受理的工单数（按受理时间）。', en: 'Tickets received in the period (by received_at).', settings: [] },
  rated: {
    unit: 'count',
    zh: '回访结果为非常满意、满意、基本满意、不满意、非常不满意之一的工单数，不含有退出原因的工单（涉法涉诉、恶意举报等）。未回访、无法联系等不计。',
    en: 'Tickets with one of the five ratings (very satisfied … very dissatisfied), excluding tickets with an exit reason. Not reached, refused etc. are not ratings.',
    settings: ['excludedExitReasons'],
  },
  satisfaction_rate: {
    unit: 'rate',
    zh: '（非常满意＋满意＋基本满意）÷ 参评数。可设置基本满意是否计为满意，或改用加权得分：非常满意、满意 100 分，基本满意 80 分，不满意、非常不满意 0 分，取平均后除以 100。',
    en: '(very satisfied + satisfied + basically satisfied) ÷ rated. Settings: whether basically satisfied counts, or a weighted score (100/100/80/0/0, mean ÷ 100).',
    settings: SATISFACTION,
  },
  closed: { unit: 'count', zh: '已办结（有办结时间）的工单数。', en: 'Tickets with a closing time.', settings: [] },
  due: {
    unit: 'count',
    zh: '应结案数：有办理时限且已办结，或未办结但时限早于统计时点的工单。',
    en: 'Due: tickets with a deadline that are closed, or still open with the deadline before the as-of time.',
    settings: DEADLINE,
  },
  on_time_rate: {
    unit: 'rate',
    zh: '按时办结率：办结时间不晚于办理时限的工单 ÷ 应结案数；逾期未办结的工单计入分母。',
    en: 'On-time rate: tickets closed no later than their deadline ÷ due; open tickets past their deadline count against it.',
    settings: DEADLINE,
  },
  overdue_open: {
    unit: 'count',
    zh: '超期未办结：未办结且办理时限早于统计时点的工单数。',
    en: 'Overdue open: tickets not closed whose deadline is before the as-of time.',
    settings: DEADLINE,
  },
  median_closure_hours: {
    unit: 'hours',
    zh: '已办结工单从受理到办结的小时数的中位数。',
    en: 'Median hours from received to closed, over closed tickets.',
    settings: DURATION,
  },
  p90_closure_hours: {
    unit: 'hours',
    zh: '已办结工单从受理到办结小时数的第 90 百分位（连续插值）。',
    en: '90th percentile (interpolated) of hours from received to closed.',
    settings: DURATION,
  },
  median_sign_hours: {
    unit: 'hours',
    zh: '从派单到签收的小时数的中位数（两者都有记录的工单）。',
    en: 'Median hours from dispatch to signing, where both are recorded.',
    settings: DURATION,
  },
  direct_answer_rate: { unit: 'rate', zh: '直接答复的工单 ÷ 工单总数。', en: 'Tickets answered directly by the hotline ÷ total.', settings: [] },
  resolution_rate: {
    unit: 'rate',
    zh: '已解决的工单 ÷ 填写了是否解决的工单（未填写的不计入分母）。',
    en: 'Resolved ÷ tickets whose resolution is recorded (unknown is left out).',
    settings: [],
  },
  reopen_rate: { unit: 'rate', zh: '重办的工单 ÷ 工单总数。', en: 'Reopened tickets ÷ total.', settings: [] },
  return_rate: { unit: 'rate', zh: '退单次数大于 0 的工单 ÷ 工单总数。', en: 'Tickets returned at least once ÷ total.', settings: [] },
  enterprise_share: { unit: 'rate', zh: '涉企工单 ÷ 工单总数。', en: 'Enterprise-related tickets ÷ total.', settings: [] },
};

export const TICKET_DEFINITIONS: Readonly<Record<TicketMetricId, MetricDefinition>> = directed<TicketMetricId>(TICKET_DEFINITIONS_TEXT, ['median_closure_hours', 'p90_closure_hours', 'median_sign_hours', 'overdue_open', 'reopen_rate', 'return_rate'], ['total', 'closed', 'rated', 'due', 'enterprise_share']);

const GRID_DEFINITIONS_TEXT: Readonly<Record<GridMetricId, Omit<MetricDefinition, 'better'>>> = {
  total: { unit: 'count', zh: '期间内上报的事件数（按上报时间）。', en: 'Events reported in the period (by reported_at).', settings: [] },
  loop_closed_rate: { unit: 'rate', zh: '已核验（闭环）的事件 ÷ 事件总数。', en: 'Verified (loop closed) events ÷ total.', settings: [] },
  due: {
    unit: 'count',
    zh: '应处置数：有处置时限且已处置，或未处置但时限早于统计时点的事件。',
    en: 'Due: events with a deadline that are handled, or unhandled with the deadline before the as-of time.',
    settings: ['asOf'],
  },
  on_time_rate: { unit: 'rate', zh: '处置时间不晚于时限的事件 ÷ 应处置数。', en: 'Events handled no later than their deadline ÷ due.', settings: ['asOf'] },
  overdue_open: { unit: 'count', zh: '未处置且时限早于统计时点的事件数。', en: 'Unhandled events whose deadline is before the as-of time.', settings: ['asOf'] },
  self_resolved_rate: {
    unit: 'rate',
    zh: '网格员自行处置的事件 ÷ 填写了是否自办结的事件。',
    en: 'Self-resolved events ÷ events where this is recorded.',
    settings: [],
  },
  supervised_share: { unit: 'rate', zh: '被督办的事件 ÷ 事件总数。', en: 'Supervised events ÷ total.', settings: [] },
  median_dispatch_hours: { unit: 'hours', zh: '上报到分流小时数的中位数。', en: 'Median hours from report to dispatch.', settings: DURATION },
  median_handle_hours: { unit: 'hours', zh: '分流到处置小时数的中位数。', en: 'Median hours from dispatch to handling.', settings: DURATION },
  median_feedback_hours: { unit: 'hours', zh: '处置到反馈小时数的中位数。', en: 'Median hours from handling to feedback.', settings: DURATION },
  median_verify_hours: { unit: 'hours', zh: '反馈到核验小时数的中位数。', en: 'Median hours from feedback to verification.', settings: DURATION },
  median_loop_hours: { unit: 'hours', zh: '上报到核验（全流程）小时数的中位数。', en: 'Median hours from report to verification (end to end).', settings: DURATION },
  workers: { unit: 'count', zh: '上报事件的不同网格员人数。', en: 'Distinct grid workers.', settings: [] },
  events_per_worker: { unit: 'count', zh: '事件总数 ÷ 网格员人数（人均事件数）。', en: 'Events ÷ workers.', settings: [] },
};

export const GRID_DEFINITIONS: Readonly<Record<GridMetricId, MetricDefinition>> = directed<GridMetricId>(GRID_DEFINITIONS_TEXT, ['overdue_open', 'median_dispatch_hours', 'median_handle_hours', 'median_feedback_hours', 'median_verify_hours', 'median_loop_hours', 'supervised_share'], ['total', 'due', 'workers', 'events_per_worker']);

const ENTERPRISE_DEFINITIONS_TEXT: Readonly<Record<EnterpriseMetricId, Omit<MetricDefinition, 'better'>>> = {
  total: { unit: 'count', zh: '期间内受理的涉企诉求数。', en: 'Enterprise requests received in the period.', settings: [] },
  rated: { unit: 'count', zh: '有五级评价之一的诉求数。', en: 'Requests with one of the five ratings.', settings: [] },
  satisfaction_rate: {
    unit: 'rate',
    zh: '（非常满意＋满意＋基本满意）÷ 参评数，设置同 12345 工单。',
    en: '(very satisfied + satisfied + basically satisfied) ÷ rated; settings as for tickets.',
    settings: ['basicSatisfiedCounts', 'satisfactionVariant'],
  },
  direct_answer_rate: { unit: 'rate', zh: '直接答复的诉求 ÷ 诉求总数。', en: 'Requests answered directly ÷ total.', settings: [] },
  closed: { unit: 'count', zh: '已办结（有办结时间）的诉求数。', en: 'Requests with a closing time.', settings: [] },
  median_closure_hours: { unit: 'hours', zh: '受理到办结小时数的中位数。', en: 'Median hours from received to closed.', settings: DURATION },
};

export const ENTERPRISE_DEFINITIONS: Readonly<Record<EnterpriseMetricId, MetricDefinition>> = directed<EnterpriseMetricId>(ENTERPRISE_DEFINITIONS_TEXT, ['median_closure_hours'], ['total', 'rated', 'closed']);

const BY_TABLE: Readonly<Record<MetricTable, Readonly<Record<string, MetricDefinition>>>> = {
  tickets: TICKET_DEFINITIONS,
  grid_events: GRID_DEFINITIONS,
  enterprise_requests: ENTERPRISE_DEFINITIONS,
};

export function metricDefinition(table: MetricTable, id: string): MetricDefinition {
  const definition = BY_TABLE[table][id];
  if (!definition) throw new Error(`no metric ${id} for ${table}`);
  return definition;
}

/** The plain-language definition in `lang` (Chinese unless asked otherwise). */
export function describeMetric(table: MetricTable, id: string, lang: Lang = 'zh'): string {
  return metricDefinition(table, id)[lang];
}

/**
 * The non-default settings that change this figure: empty means it is computed under the
 * district's default rules. durationMode also changes deadline metrics only through
 * deadlineWorkingDays, and deadlineWorkingDays only matters in working mode.
 */
export function nonDefaultSettingsFor(table: MetricTable, id: string, settings: MetricSettings): SettingKey[] {
  const affecting = new Set(metricDefinition(table, id).settings);
  return diffFromDefault(settings).filter((key) => {
    if (!affecting.has(key)) return false;
    if (key === 'deadlineWorkingDays') return settings.durationMode === 'working';
    return true;
  });
}

/** Ranking settings: they change the ranking table, not any single metric. */
export const RANKING_SETTINGS: readonly SettingKey[] = [
  ...SATISFACTION,
  ...DEADLINE,
  'excludeUnattributableFromRankings',
  'minRatedForRanking',
  'rankingWeights',
];
