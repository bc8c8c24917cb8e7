// The review pack's content, built from what the page already holds (figures, key tickets,
// findings): the briefing deck handed to the export layer's PPTX builder, and the key-ticket
// table handed to its XLSX writer. The strings come through `tr` so the files follow the
// user's language and these functions stay testable without the page.
import type { PersonalKind } from '$lib/privacy';
import type { BriefingItem, Deck, TableColumn, TableData } from '$lib/export/types';
import { findingKey, type Finding, type FindingKey } from './findings';
import { FINDING_COLUMNS } from './findings-file';
import { FLAG_IDS } from './flags';
import type { FigureScope, FigureValues, AreaRank, ReviewMetricId } from './figures';
import { REVIEW_METRICS } from './figures';
import { formatQuarter, previousQuarter, quarterPeriod, type Quarter } from './quarter';
import { countByFlag, reasonsFor, type KeyTicket } from './reasons';
import type { ReviewSettings } from './settings';
import { formatMetric } from '$lib/i18n/format';
import { metricDefinition } from '$lib/metrics';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface PackInput {
  township: string;
  quarter: Quarter;
  figures: Record<FigureScope, FigureValues | null>;
  rank: AreaRank | null;
  tickets: readonly KeyTicket[];
  findings: ReadonlyMap<FindingKey, Finding>;
  settings: ReviewSettings;
  source: 'sample' | 'user';
}

const RATE_METRICS = ['satisfaction_rate', 'on_time_rate', 'resolution_rate', 'direct_answer_rate', 'reopen_rate', 'return_rate'] as const satisfies readonly ReviewMetricId[];

/** A figure as the screen shows it: the metric definition's unit and the one rounding of formatMetric. */
function formatFigure(value: number | null | undefined, id: ReviewMetricId): string {
  return formatMetric(value ?? null, metricDefinition('tickets', id).unit);
}

/** A ticket's reasons as one line of text, for the workbook and the deck. */
export function reasonText(ticket: KeyTicket, settings: ReviewSettings, tr: Translate): string {
  return reasonsFor(ticket, settings)
    .map((r) => `${tr(`review.flag.${r.flag}`)}：${tr(r.key, r.params)}`)
    .join('；');
}

function findingOf(ticket: KeyTicket, quarter: string, findings: ReadonlyMap<FindingKey, Finding>): Finding | undefined {
  return findings.get(findingKey({ ticketId: ticket.ticketId, township: ticket.township, quarter }));
}

/**
 * The key-ticket workbook's table: ticket facts (personal data masked), one column per flag
 * (是 or empty), the reasons, the severity, then the findings columns under the same headers as
 * a findings file, so the workbook itself can be imported back as findings.
 */
export function keyTicketTable(input: Pick<PackInput, 'quarter' | 'tickets' | 'findings' | 'settings'>, tr: Translate): TableData {
  const quarter = formatQuarter(input.quarter);
  const text = (id: string, label: string, pii?: PersonalKind): TableColumn => ({ id, label, unit: 'text', ...(pii ? { pii } : {}) });
  const findingHeader = (field: (typeof FINDING_COLUMNS)[number]['field']) => FINDING_COLUMNS.find((c) => c.field === field)!.header;
  const columns: TableColumn[] = [
    { id: 'order', label: tr('review.col.order'), unit: 'count' },
    text('ticket_id', findingHeader('ticketId')),
    text('township', findingHeader('township')),
    text('quarter', findingHeader('quarter')),
    text('received_at', tr('review.col.received')),
    text('request_type', tr('review.col.requestType')),
    text('category', tr('review.col.category')),
    text('address', tr('review.col.address'), 'address'),
    text('caller_name', tr('review.col.caller'), 'name'),
    text('caller_phone', `${tr('review.col.caller')} ☎`, 'phone'),
    text('department', tr('review.col.department')),
    text('status', tr('review.col.status')),
    { id: 'severity', label: tr('review.col.severity'), unit: 'count' },
    ...FLAG_IDS.map((f) => text(`flag_${f}`, tr(`review.flag.${f}`))),
    text('reasons', tr('review.col.reasons')),
    text('verdict', findingHeader('verdict')),
    text('rectification', findingHeader('rectification')),
    text('responsible_unit', findingHeader('responsibleUnit')),
    text('due_date', findingHeader('dueDate')),
    text('note', findingHeader('note')),
    text('updated_at', findingHeader('updatedAt')),
  ];
  const yes = tr('review.yes');
  const rows = input.tickets.map((t, i) => {
    const f = findingOf(t, quarter, input.findings);
    const row: TableData['rows'][number] = {
      order: i + 1,
      ticket_id: t.ticketId,
      township: t.township,
      quarter,
      received_at: t.receivedAt,
      request_type: t.requestType,
      category: t.category,
      address: t.address,
      caller_name: t.callerName,
      caller_phone: t.callerPhone,
      department: t.department,
      status: t.status,
      severity: t.severity,
      reasons: reasonText(t, input.settings, tr),
      verdict: f?.verdict || null,
      rectification: f?.rectification || null,
      responsible_unit: f?.responsibleUnit || null,
      due_date: f?.dueDate || null,
      note: f?.note || null,
      updated_at: f?.updatedAt || null,
    };
    for (const flag of FLAG_IDS) row[`flag_${flag}`] = t.flags.includes(flag) ? yes : null;
    return row;
  });
  return { title: tr('review.pack.sheet'), columns, rows };
}

export function packFileBase(township: string, quarter: Quarter): string {
  return `现场核查_${township}_${formatQuarter(quarter)}`;
}

/** The briefing deck of the area's quarter: rates as a native bar chart, figures, flags, the most severe tickets. */
export function reviewDeck(input: PackInput, tr: Translate): Deck {
  const quarter = formatQuarter(input.quarter);
  const previous = formatQuarter(previousQuarter(input.quarter));
  const period = quarterPeriod(input.quarter);
  const source = tr(input.source === 'sample' ? 'review.pack.source.sample' : 'review.pack.source.user');
  const caption = tr('review.pack.caption', { source, rules: tr('review.rule.severity') });
  const { area, district, previous: before } = input.figures;
  const seriesName = {
    area: `${input.township} ${quarter}`,
    district: `${tr('review.figures.district')} ${quarter}`,
    previous: `${input.township} ${previous}`,
  };
  const items: BriefingItem[] = [];
  items.push({
    kind: 'chart',
    id: 'review-rates',
    title: tr('review.pack.chartRates'),
    note: tr('review.pack.chartRatesNote'),
    caption: source,
    chart: {
      kind: 'bar',
      labels: RATE_METRICS.map((m) => tr(`review.metric.${m}`)),
      series: [
        { name: seriesName.area, values: RATE_METRICS.map((m) => area?.[m] ?? null) },
        { name: seriesName.district, values: RATE_METRICS.map((m) => district?.[m] ?? null) },
        { name: seriesName.previous, values: RATE_METRICS.map((m) => before?.[m] ?? null) },
      ],
      unit: 'rate',
    },
    svg: '',
  });
  const rankLine = input.rank
    ? input.rank.rank !== null
      ? tr('review.figures.rank', { rank: input.rank.rank, count: input.rank.rankedCount, score: input.rank.score?.toFixed(3) ?? '—' })
      : tr('review.figures.notRanked', { count: input.rank.rankedCount })
    : '';
  items.push({
    kind: 'table',
    id: 'review-figures',
    title: tr('review.pack.figuresTable'),
    note: rankLine,
    caption: tr('review.figures.intro', { previous }),
    table: {
      columns: [
        { id: 'metric', label: tr('review.figures.metric'), unit: 'text' },
        { id: 'area', label: seriesName.area, unit: 'text' },
        { id: 'district', label: seriesName.district, unit: 'text' },
        { id: 'previous', label: seriesName.previous, unit: 'text' },
      ],
      rows: REVIEW_METRICS.map((m) => ({
        metric: tr(`review.metric.${m}`),
        area: formatFigure(area?.[m], m),
        district: formatFigure(district?.[m], m),
        previous: formatFigure(before?.[m], m),
      })),
    },
  });
  const counts = countByFlag(input.tickets);
  items.push({
    kind: 'chart',
    id: 'review-flags',
    title: tr('review.pack.chartFlags'),
    note: `${tr('review.keyTickets.count', { count: input.tickets.length, total: area?.total ?? 0 })}；${tr('review.pack.chartFlagsNote')}`,
    caption: source,
    chart: { kind: 'bar', labels: FLAG_IDS.map((f) => tr(`review.flag.${f}`)), series: [{ name: tr('review.keyTickets.title'), values: FLAG_IDS.map((f) => counts[f]) }], unit: 'count' },
    svg: '',
  });
  const top = input.tickets.slice(0, input.settings.deckTopTickets);
  items.push({
    kind: 'table',
    id: 'review-top',
    title: tr('review.pack.topTable', { count: top.length }),
    note: '',
    caption,
    table: {
      columns: [
        { id: 'order', label: tr('review.col.order'), unit: 'count' },
        { id: 'ticket_id', label: tr('review.col.ticket'), unit: 'text' },
        { id: 'received_at', label: tr('review.col.received'), unit: 'text' },
        { id: 'address', label: tr('review.col.address'), unit: 'text' },
        { id: 'flags', label: tr('review.col.flags'), unit: 'text' },
        { id: 'severity', label: tr('review.col.severity'), unit: 'count' },
        { id: 'verdict', label: tr('review.finding.verdict'), unit: 'text' },
      ],
      rows: top.map((t, i) => ({
        order: i + 1,
        ticket_id: t.ticketId,
        received_at: t.receivedAt,
        address: t.address,
        flags: t.flags.map((f) => tr(`review.flag.${f}`)).join('、'),
        severity: t.severity,
        verdict: findingOf(t, quarter, input.findings)?.verdict || null,
      })),
    },
  });
  return {
    title: tr('review.pack.deckTitle', { township: input.township, quarter }),
    subtitle: tr('review.pack.deckSubtitle', { quarter, from: period.from, to: period.to, previous }),
    source,
    items,
  };
}
