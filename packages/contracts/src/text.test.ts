import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText } from './text.ts';

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['', true],
    ['plain', true],
    ['Grüße 🚀 from Ω', true],
    ['\u0000', false],
    ['a\u0000b', false],
    ['\ud800', false],
    ['a\udfff', false],
    ['\ud83d\ude80\ud83d', false],
    ['\ude80\ud83d', false],
  ])('%j storable: %s', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('names the first field that holds such text, as a dot path', () => {
    expect(findUnstorableText({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(findUnstorableText({ address: { street: '\ud800' } })).toBe('address.street');
    expect(findUnstorableText({ nested: { 'bad\u0000key': 1 } })).toBe('nested');
    expect(findUnstorableText({ 'bad\u0000key': 1 })).toBe('');
    expect(findUnstorableText('\u0000')).toBe('');
    expect(findUnstorableText({ n: 1, b: true, z: null, s: 'fine' })).toBeNull();
    expect(findUnstorableText(Buffer.from([0, 0xd8]))).toBeNull();
  });
});
