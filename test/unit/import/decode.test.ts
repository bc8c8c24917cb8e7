import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeBytes, decodeChunks, detectEncoding, ImportError } from '$lib/import';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
// 工单 in GBK
const GBK_GONGDAN = [0xb9, 0xa4, 0xb5, 0xa5];

async function collect(chunks: Uint8Array[], encoding: Parameters<typeof decodeChunks>[1]): Promise<string> {
  async function* gen() {
    for (const c of chunks) yield c;
  }
  let text = '';
  for await (const t of decodeChunks(gen(), encoding)) text += t;
  return text;
}

describe('encoding detection', () => {
  it('takes a BOM as UTF-8 and drops it', () => {
    const bytes = fixture('utf8-bom.csv');
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', reason: 'bom', bom: true });
    expect(decodeBytes(bytes).text.startsWith('工单编号')).toBe(true);
  });

  it('accepts strictly valid UTF-8 without a BOM', () => {
    expect(detectEncoding(utf8('工单编号,受理时间'))).toMatchObject({ encoding: 'utf-8', reason: 'valid-utf8' });
  });

  it('falls back to GB18030 for GBK bytes', () => {
    const bytes = fixture('gbk-title.csv');
    const decoded = decodeBytes(bytes);
    expect(decoded).toMatchObject({ encoding: 'gb18030', reason: 'fallback' });
    expect(decoded.text.startsWith('海门区12345工单明细（2024年1月）')).toBe(true);
  });

  it('lets the user override the guess', () => {
    const decoded = decodeBytes(Uint8Array.from(GBK_GONGDAN), 'gb18030');
    expect(decoded).toMatchObject({ text: '工单', reason: 'override' });
  });

  it('does not hold a multibyte character cut at the end of a prefix against UTF-8', () => {
    const bytes = utf8('工单');
    expect(detectEncoding(bytes.subarray(0, 4), false).encoding).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, 4), true).encoding).toBe('gb18030');
  });

  it('recognises UTF-16 by its BOM', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0xe5, 0x5d, 0x55, 0x53]);
    expect(decodeBytes(bytes)).toMatchObject({ encoding: 'utf-16le', text: '工单' });
  });
});

describe('streaming decode', () => {
  it('joins a UTF-8 character split across chunks', async () => {
    const bytes = utf8('工单编号');
    expect(await collect([bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)], 'utf-8')).toBe('工单编号');
  });

  it('joins a GBK character split across chunks', async () => {
    const bytes = Uint8Array.from(GBK_GONGDAN);
    expect(await collect([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)], 'gb18030')).toBe('工单');
  });

  it('stops with a typed error when a UTF-8 guess turns out wrong later in the file', async () => {
    const err = await collect([utf8('编号\n'), Uint8Array.from(GBK_GONGDAN)], 'utf-8').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('encoding-changed');
  });
});
