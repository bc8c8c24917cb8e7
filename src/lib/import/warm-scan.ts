// The engine path's worker pass, run once over a small made-up ticket export in a spare import
// worker while the page is idle (workers/import.worker.ts). Every worker is a new V8 isolate: its
// first file otherwise runs the scan in V8's unoptimised tiers while the optimising compiler works
// on the same two cores the import needs (Node: the first pass over a 1M-row export took 150–250 ms
// longer than the next ones).
//
// The warm-up gives way to real work: it is fed in small pieces and stops at the next piece once
// `stop` says a request has come, so a file chosen meanwhile waits a few milliseconds at most, and
// the worker never holds two full passes at once.
import { nextTask } from '$lib/platform/next-task';
import { prepareCsvBytes } from './csv-prepare';

const HEADER =
  '工单编号,受理时间,来源渠道,省工单号,诉求类型,问题分类,诉求内容,来电人,联系电话,事发地址,所属区镇,承办单位,紧急程度,是否涉企,是否直接答复,派单时间,签收时间,办理时限,办结时间,办理状态,退单次数,是否重办,重复工单,是否解决,回访结果,回访层级,退出原因,无法认定权属';
const TOWNSHIPS = ['海门街道', '三厂街道', '滨江街道', '常乐镇', '悦来镇', '四甲镇'];
const YES_NO = ['是', '否'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Rows [from, to) of a made-up 12345 export: ids in order, plain timestamps, yes/no words, counts; CRLF line ends. */
export function madeUpRows(from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const day = pad(1 + (i % 28));
    const at = (hour: number) => `2024-03-${day} ${pad(hour)}:${pad(i % 60)}:${pad((i * 7) % 60)}`;
    const town = TOWNSHIPS[i % TOWNSHIPS.length];
    const yes = YES_NO[i % 2];
    lines.push(
      `HM2024${String(i).padStart(10, '0')},${at(8)},电话,,投诉,城市管理>市容环境>占道经营,来电人反映${town}道路占道经营，要求相关部门尽快处理并回复。,王女士,137****${String(i % 10_000).padStart(4, '0')},${town}青龙社区22组56号,${town},区城管局,一般,${yes},否,${at(9)},${at(10)},${at(20)},${at(18)},已办结,${i % 3},否,,${yes},满意,市,,否`,
    );
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

/** The made-up export with its header, in pieces of `rowsPerPiece` rows, each made when asked for. */
export function* madeUpExport(rows: number, rowsPerPiece = 500): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(`${HEADER}\r\n`);
  for (let at = 0; at < rows; at += rowsPerPiece) yield encoder.encode(madeUpRows(at, Math.min(rows, at + rowsPerPiece)));
}

/** Pass `rows` made-up ticket rows through the CSV pass; resolves with the pieces it took before `stop`. */
export async function warmCsvScan(stop: () => boolean, rows = 8_000): Promise<number> {
  let taken = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    // Each piece is made only once the pass may go on: a warm-up stopped early costs a piece.
    const pieces = madeUpExport(rows);
    for (;;) {
      // A task between pieces, so a request posted meanwhile is seen before the next one.
      await nextTask();
      if (stop()) return;
      const next = pieces.next();
      if (next.done) return;
      taken++;
      yield next.value;
    }
  }
  await prepareCsvBytes({
    name: 'warm-up.csv',
    // The pass asks the file only its size, to choose parts held in memory (as a 3 MB export's
    // are): an empty Blob chooses them too, and the rows need not be made before the pass.
    file: new Blob(),
    chunks,
    encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
    tabSeparated: false,
    choice: { table: 'tickets' },
    onPart: () => undefined,
  });
  return taken;
}
