// Ticket exports with the shapes real ones have (odd timestamps, tokens, aliases, damaged ids,
// blank lines, title rows, cells past the header), seeded, for the engine/JS equivalence tests.

function rng(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
}

const TIMES = [
  '2024-01-05 13:05:00', '2024-02-29 23:59:59', '2023-02-29 10:00:00', '2024-13-01 00:00:00', '2024-01-05 24:00:00',
  '1899-12-31 00:00:00', '2024/1/5 13:05', '2024年1月5日 13时05分', '2024-01-05T13:05:00+08:00', '2024-01-05 13:05:00Z',
  '45296.5', '20240105', '20240105130500', ' 2024-01-05 13:05:00 ', '-', 'null', '无', '明天', '2024-01-05', '2024-01-05 13:05:00.250',
  '２０２４-01-05 13:05:00', '', '2024-01-05 13:05:00.0', '2024-01-05 23:59:59.999', '2024-01-05T13:05:00', '2024-01-05T13:05:00.5',
  '2024-01-05 13:05:59.9996', '2024-02-30 10:00:00.000', '2024-01-05 24:00:00.0', '2101-01-01 00:00:00.1', '2024-01-05 13:05:00.',
  // The bounds of the plain form, both sides.
  '2100-12-31 23:59:59', '1900-01-01 00:00:00', '2024-01-05 23:60:00', '2024-01-05 23:59:60', '2024-01-05 19:05:00', '2024-01-05 25:00:00',
];
const BOOLS = ['是', '否', 'Y', 'n', '1', '0', 'TRUE', 'false', '√', '×', '已解决', '未解决', ' 是 ', '也许', '', 'Ｙ', '-'];
const INTS = ['0', '3', '-2', '1,234', '1.0', '１２', ' 7 ', 'x', '9999999999', '', '2147483648', '-0'];
const TOWNS = ['海门街道', '三厂', '常乐镇', '悦来', '四甲镇', ' 正余镇 ', '不存在镇', '海 门 街 道', ''];
const TEXTS = ['电话', ' 网络 ', '\u3000微信\u3000', '', '"引号"', 'a,b', '多\n行', '\u00a0nbsp', 'x'];

export function messyTickets(n: number, shape: { crlf: boolean; trailing: boolean; title: boolean; blanks: boolean }): string {
  const r = rng(42);
  const pick = <T,>(list: readonly T[]) => list[r(list.length)];
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const headers = ['工单编号', '受理时间', '来源渠道', '诉求类型', '诉求内容', '所属区镇', '是否解决', '退单次数', '办理时限', '办结时间', '重复工单', '备注', '内部编码'];
  const lines: string[] = [];
  const end = shape.trailing ? ',' : '';
  if (shape.title) {
    lines.push('海门区12345工单明细（2024年1月）' + (shape.trailing ? ','.repeat(headers.length) : ''));
    lines.push(',,基本信息,,,,办理情况,,,,,,' + end);
  }
  lines.push(headers.join(',') + end);
  for (let i = 0; i < n; i++) {
    if (shape.blanks && r(40) === 0) lines.push('');
    if (shape.blanks && r(60) === 0) {
      lines.push(','.repeat(headers.length - 1) + end);
      continue;
    }
    const key = r(25) === 0 ? pick(['', ' ', '1.2024E+17', ` HM${i} `]) : `HM2024${String(r(n)).padStart(6, '0')}`;
    const cells = [
      key,
      // Now and then a shape SQL leaves to JavaScript, in more distinct values than are inlined (staged-lookup.ts).
      i % 7 === 3
        ? `2024/${1 + (i % 9)}/${1 + (i % 28)} ${i % 24}:${String(i % 60).padStart(2, '0')}`
        : r(4) === 0
          ? pick(TIMES)
          : `2024-0${1 + r(9)}-1${r(10)} 1${r(10)}:0${r(10)}:${r(6)}${r(10)}`,
      pick(TEXTS),
      pick(['投诉', '求助', '咨询']),
      pick(TEXTS),
      pick(TOWNS),
      pick(BOOLS),
      pick(INTS),
      r(3) === 0 ? pick(TIMES) : `2024-0${1 + r(9)}-0${1 + r(9)} 08:00:00`,
      r(3) === 0 ? pick(TIMES) : `2024-0${1 + r(9)}-2${r(9)} 09:30:00`,
      r(8) === 0 ? pick(['1.2E+5', 'HM1', ' HM2 ', '']) : '',
      pick(TEXTS),
      `N${r(1000)}`,
    ].map(quote);
    // Now and then a cell past the header: rejected when it has content.
    const extra = shape.trailing ? (r(50) === 0 ? 'x' : r(50) === 0 ? ' ' : '') : null;
    lines.push(cells.join(',') + (extra === null ? '' : `,${extra}`));
  }
  return lines.join(shape.crlf ? '\r\n' : '\n') + (shape.crlf ? '\r\n' : '\n');
}

/** GB18030 bytes of text (Node's TextEncoder only writes UTF-8): via a reverse table of the decoder. */
export function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let bytes = table.get(ch);
    if (!bytes) {
      outer: for (let a = 0x81; a <= 0xfe; a++) {
        for (let b = 0x40; b <= 0xfe; b++) {
          if (b === 0x7f) continue;
          if (decoder.decode(Uint8Array.from([a, b])) === ch) {
            bytes = [a, b];
            break outer;
          }
        }
      }
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      table.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
