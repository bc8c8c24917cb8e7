// The sign-off workbook: one sheet with every worker and every figure behind their subsidy, one
// with the rules they were computed under. Written through $lib/export (masking, formula guard):
// the worker's name is personal and stays masked unless the user unmasked it on screen.
import { rowsSheet, type Sheet, type SheetCell, type SheetColumn } from '$lib/export/sheet';
import type { Evaluation, EvaluatedWorker } from './score';
import { COMPONENTS, type ComponentId, type EvaluationSettings } from './settings';
import { GRADES } from './grades';

/** The page's translations, handed in so this module stays plain TypeScript. */
export type Label = (key: string, params?: Record<string, string | number>) => string;

type Column<R> = SheetColumn & { value: (row: R) => SheetCell };

const RATE_COMPONENTS: ReadonlySet<ComponentId> = new Set(['verified', 'returned', 'onTime', 'supervised', 'selfResolved']);

export function evaluationWorkersSheet(evaluation: Evaluation, label: Label): Sheet {
  const component = (id: ComponentId) => label(`evaluation.component.${id}`);
  const columns: Column<EvaluatedWorker>[] = [
    { label: label('evaluation.col.workerId'), name: 'worker_id', type: 'text', value: (w) => w.workerId },
    { label: label('evaluation.col.worker'), name: 'worker_name', type: 'text', pii: 'name', value: (w) => w.workerName },
    { label: label('evaluation.township'), name: 'township', type: 'text', value: (w) => w.township },
    { label: label('evaluation.col.grid'), name: 'grid_id', type: 'text', value: (w) => w.gridId },
  ];
  COMPONENTS.forEach((id, i) => {
    const format = RATE_COMPONENTS.has(id) ? '0.00%' : id === 'loopHours' ? '0.00' : '#,##0';
    columns.push(
      { label: `${component(id)}·${label('evaluation.explain.raw')}`, name: `${id}_raw`, type: 'number', numberFormat: format, value: (w) => w.components[i].raw },
      { label: `${component(id)}·${label('evaluation.explain.points')}`, name: `${id}_points`, type: 'number', numberFormat: '0.00', value: (w) => w.components[i].points },
      { label: `${component(id)}·${label('evaluation.explain.contribution')}`, name: `${id}_contribution`, type: 'number', numberFormat: '0.0000', value: (w) => w.components[i].contribution },
    );
  });
  columns.push(
    { label: label('evaluation.sheet.weightUsed'), name: 'weight_used', type: 'number', value: (w) => w.weightUsed },
    { label: label('evaluation.col.score'), name: 'score', type: 'number', numberFormat: '0.00', value: (w) => w.score },
    { label: label('evaluation.sheet.band'), name: 'band', type: 'text', value: (w) => w.reason.band },
    { label: label('evaluation.col.rank'), name: 'rank', type: 'number', value: (w) => w.reason.rank },
    { label: label('evaluation.col.grade'), name: 'grade', type: 'text', value: (w) => w.grade },
    { label: label('evaluation.capped'), name: 'capped', type: 'text', value: (w) => label(w.capped ? 'evaluation.sheet.yes' : 'evaluation.sheet.no') },
    { label: label('evaluation.sheet.coefficient'), name: 'coefficient', type: 'number', value: (w) => w.coefficient },
    { label: label('evaluation.sheet.weight'), name: 'subsidy_weight', type: 'number', numberFormat: '0.00', value: (w) => w.payment.weight },
    { label: label('evaluation.sheet.exact'), name: 'exact', type: 'number', numberFormat: '0.0000', value: (w) => w.payment.exact },
    { label: label('evaluation.sheet.remainder'), name: 'remainder', type: 'number', value: (w) => (w.payment.remainder ? 1 : 0) },
    { label: label('evaluation.col.subsidy'), name: 'subsidy', type: 'number', numberFormat: '#,##0', value: (w) => w.payment.yuan },
  );
  return rowsSheet(label('evaluation.sheet.workers'), columns, evaluation.workers);
}

interface RuleRow {
  item: string;
  value: string | number | null;
  note: string;
}

export function evaluationRulesSheet(evaluation: Evaluation, settings: EvaluationSettings, year: number, missedChecked: boolean, label: Label, exportedAt: string): Sheet {
  const b = settings.bands;
  const rows: RuleRow[] = [
    { item: label('evaluation.sheet.year'), value: year, note: '' },
    { item: label('evaluation.sheet.generated'), value: exportedAt, note: '' },
    { item: label('evaluation.workers'), value: evaluation.totals.workers, note: '' },
    { item: label('evaluation.pool'), value: settings.poolYuan, note: label('evaluation.subsidy.rule') },
    { item: label('evaluation.sheet.total'), value: evaluation.totals.paidYuan, note: '' },
    ...COMPONENTS.flatMap((id) => {
      const rule = settings.components[id];
      const name = label(`evaluation.component.${id}`);
      const define = label(`evaluation.define.${id}`, { statuses: settings.returnedStatuses.join('、') });
      return [
        { item: `${name}·${label('evaluation.col.weight')}`, value: rule.weight, note: define },
        { item: `${name}·${label('evaluation.col.zeroAt')}`, value: rule.zeroAt, note: '' },
        { item: `${name}·${label('evaluation.col.fullAt')}`, value: rule.fullAt, note: '' },
      ];
    }),
    { item: label('evaluation.returnedStatuses'), value: settings.returnedStatuses.join('、'), note: '' },
    { item: label('evaluation.sheet.missedChecked'), value: label(missedChecked ? 'evaluation.sheet.yes' : 'evaluation.sheet.no'), note: label(missedChecked ? 'evaluation.define.missed' : 'evaluation.missed.none') },
    { item: label('evaluation.col.rule'), value: null, note: label('evaluation.normalise') },
    { item: label('evaluation.bands.excellent'), value: b.excellent, note: '' },
    { item: label('evaluation.bands.competent'), value: b.competent, note: '' },
    { item: label('evaluation.bands.basic'), value: b.basic, note: '' },
    {
      item: label('evaluation.bands.cap'),
      value: b.excellentCap === null ? null : Math.round(b.excellentCap * 10000) / 100,
      note: label('evaluation.bands.rule', {
        excellent: b.excellent,
        competent: b.competent,
        basic: b.basic,
        cap: b.excellentCap === null ? label('evaluation.bands.noCap') : label('evaluation.bands.capRule', { share: Math.round(b.excellentCap * 10000) / 100 }),
      }),
    },
    ...GRADES.map((g) => ({ item: label('evaluation.coefficient', { grade: g }), value: settings.coefficients[g], note: '' })),
  ];
  const columns: Column<RuleRow>[] = [
    { label: label('evaluation.sheet.item'), name: 'item', type: 'text', value: (r) => r.item, width: 36 },
    { label: label('evaluation.sheet.value'), name: 'value', type: 'text', value: (r) => (r.value === null ? null : String(r.value)), width: 16 },
    { label: label('evaluation.sheet.note'), name: 'note', type: 'text', value: (r) => r.note, width: 100 },
  ];
  return rowsSheet(label('evaluation.sheet.rules'), columns, rows);
}
