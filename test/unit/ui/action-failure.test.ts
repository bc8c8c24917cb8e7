// What a failed data action (delete, use the sample, clear all) shows: an error's own words in the
// interface's language when it carries both, else our sentence (the component logs the detail).
import { describe, expect, it } from 'vitest';
import { actionFailureText, wordsOf } from '$lib/i18n/failure';
import { fill } from '$lib/i18n/fill';
import { CommitError } from '$lib/data/commit';

describe('wordsOf', () => {
  it('takes zh and en when an error carries both, and nothing else', () => {
    expect(wordsOf(new CommitError('浏览器存储空间不足', 'the browser storage is full'))).toEqual({ zh: '浏览器存储空间不足', en: 'the browser storage is full' });
    expect(wordsOf(new Error('engine/sample.js loaded but defined nothing'))).toBeNull();
    expect(wordsOf({ zh: '只有中文' })).toBeNull();
    expect(wordsOf({ zh: 1, en: 2 })).toBeNull();
    expect(wordsOf('a string')).toBeNull();
    expect(wordsOf(null)).toBeNull();
  });
});

describe('actionFailureText', () => {
  it('says an error’s own words in the interface’s language', () => {
    const error = new CommitError('浏览器存储空间不足', 'the browser storage is full');
    expect(actionFailureText(error, 'zh-CN')).toBe('操作失败：浏览器存储空间不足');
    expect(actionFailureText(error, 'en')).toBe('The action failed: the browser storage is full');
  });

  it('never shows an internal error’s English to a Chinese interface, but our sentence', () => {
    const error = new Error('engine/sample.js loaded but defined nothing the workbench expected');
    expect(actionFailureText(error, 'zh-CN')).toBe('操作未能完成。请刷新页面后重试；若仍失败，请按 F12 打开浏览器控制台，把其中的错误信息发给技术支持。');
    expect(actionFailureText(error, 'en')).toMatch(/^The action could not be completed\. Reload the page/);
  });
});

describe('fill', () => {
  it('fills known placeholders, keeps unknown ones and text without any', () => {
    expect(fill('读取 {rows} 行，拒绝 {rejected} 行', { rows: 3, rejected: 0 })).toBe('读取 3 行，拒绝 0 行');
    expect(fill('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(fill('no placeholders')).toBe('no placeholders');
  });
});
