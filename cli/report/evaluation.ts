// `--evaluation [--year YYYY]` (issue 16): every grid worker's score, grade and subsidy, computed
// by the same modules as #/grid/evaluation. The command reads no comparison checking, so missed
// reports count 0 (as on the page before checking begins); names are left out (personal data).
import { rowsOf } from '$lib/engine/rows';
import type { Engine } from '$lib/engine/types';
import { evaluateWorkers, evaluationYearsQuery, readEvaluationYears, readWorkerFigures, workerFiguresQuery } from '$lib/evaluation';
import type { MetricSettings } from '$lib/metrics';

export interface EvaluationReport {
  year: number | null;
  rules: MetricSettings['evaluation'];
  missed_reports: 'not-checked';
  workers: Record<string, unknown>[];
  totals: Record<string, unknown> | null;
}

export async function evaluationReport(engine: Engine, settings: MetricSettings, asked: number | 'latest'): Promise<EvaluationReport> {
  const rules = settings.evaluation;
  const year = asked === 'latest' ? readEvaluationYears(rowsOf(await engine.query(evaluationYearsQuery()))).fallback : asked;
  if (year === null) return { year, rules, missed_reports: 'not-checked', workers: [], totals: null };
  const figures = readWorkerFigures(rowsOf(await engine.query(workerFiguresQuery(year, settings, rules))), null);
  const { workers, totals } = evaluateWorkers(figures, rules);
  return {
    year,
    rules,
    missed_reports: 'not-checked',
    workers: workers.map((w) => ({
      worker_id: w.workerId,
      township: w.township,
      grid_id: w.gridId,
      components: Object.fromEntries(w.components.map((c) => [c.id, { raw: c.raw, points: c.points, weight: c.weight, contribution: c.contribution }])),
      score: w.score,
      band: w.reason.band,
      township_rank: w.reason.rank,
      grade: w.grade,
      capped: w.capped,
      coefficient: w.coefficient,
      subsidy_weight: w.payment.weight,
      subsidy_exact: w.payment.exact,
      remainder_yuan: w.payment.remainder ? 1 : 0,
      subsidy: w.payment.yuan,
    })),
    totals: {
      workers: totals.workers,
      pool: totals.poolYuan,
      paid: totals.paidYuan,
      by_grade: totals.byGrade,
      townships: totals.townships.map((t) => ({ township: t.township, workers: t.workers, by_grade: t.byGrade, capped: t.capped, paid: t.paidYuan })),
    },
  };
}
