// The engine path's worker pass run once over a small made-up ticket export, in a spare import
// worker while the page is idle (workers/import.worker.ts). A new worker's first file otherwise
// runs the scan in V8's unoptimised tiers while its optimising compiler works on the same two
// cores the import needs: in Node, the first pass over the 1M-row export took 150–250 ms longer
// than the next ones.
import { prepareCsvBytes } from './csv-prepare';

const HEADER =
  '工单编号,受理时间,来源渠道,省工单号,诉求类型,问题分类,诉求内容,来电人,联系电话,事发地址,所属区镇,承办单位,紧急程度,是否涉企,是否直接答复,派单时间,签收时间,办理时限,办结时间,办理状态,退单次数,是否重办,重复工单,是否解决,回访结果,回访层级,退出原因,无法认定权属';
const TOWNSHIPS = ['海门街道', '三厂街道', '滨江街道', '常乐镇', '悦来镇', '四甲镇'];
const WORDS = ['是', '否'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `rows` rows shaped as a 12345 export: ids in order, plain timestamps, yes/no words, counts. */
export function madeUpExport(rows: number): Uint8Array {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const day = pad(1 + (i % 28));
    const at = (h: number) => `2024-03-${day} ${pad(h)}:${pad(i % 60)}:${pad((i * 7) % 60)}`;
    const town = TOWNSHIPS[i % TOWNSHIPS.length];
    const yes = WORDS[i % 2];
    lines.push(
      `HM2024${String(i).padStart(10, '0')},${at(8)},电话,,投诉,城市管理>市容环境>占道经营,来电人反映${town}道路占道经营，要求相关部门尽快处理并回复。,王女士,137****${String(i % 10000).padStart(4, '0')},${town}青龙社区22组56号,${town},区城管局,一般,${yes},否,${at(9)},${at(10)},${at(20)},${at(18)},已办结,${i % 3},否,,${yes},满意,市,,否`,
    );
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

export async function warmCsvScan(rows = 8_000): Promise<void> {
  const bytes = madeUpExport(rows);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
  }
  await prepareCsvBytes({
    name: 'warm.csv',
    file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    chunks,
    encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
    tabSeparated: false,
    choice: { table: 'tickets' },
    onPart: () => undefined,
  });
}
