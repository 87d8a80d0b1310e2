import { AUDIT_ACTIONS } from '@vmsp/contracts';
import { describe, expect, it } from 'vitest';
import { actionTexts } from './audit-action-texts.ts';
import { changedFields } from './audit-diff.ts';
import { actionText, placeholdersOf, recordedField, sentenceParts } from './audit-sentence.ts';

describe('the words of every audit action', () => {
  it.each(AUDIT_ACTIONS)(
    '%s has a label and a sentence in English and German that name the same parts',
    (action) => {
      const [en, de] = [actionTexts.en[action], actionTexts.de[action]];
      for (const text of [en, de]) {
        expect(text?.label.trim()).not.toBe('');
        expect(placeholdersOf(text?.sentence ?? '')).toContain('actor');
      }
      // A translation may reorder the parts, but names the same ones.
      expect(placeholdersOf(de.sentence).sort()).toEqual(placeholdersOf(en.sentence).sort());
      expect(de.sentence).not.toBe(en.sentence);
    },
  );

  it('has no words for actions the portal does not write, and a label for each only once', () => {
    for (const texts of Object.values(actionTexts)) {
      expect(Object.keys(texts).sort()).toEqual([...AUDIT_ACTIONS].sort());
      const labels = Object.values(texts).map((t) => t.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('reads in the language, English for any other, and knows no unknown action', () => {
    expect(actionText('customer.locked', 'de')?.sentence).toBe('{{actor}} hat {{object}} gesperrt');
    expect(actionText('customer.locked', 'fr')?.sentence).toBe('{{actor}} locked {{object}}');
    expect(actionText('customer.painted', 'en')).toBeNull();
  });
});

describe('sentenceParts', () => {
  it('cuts a sentence at its placeholders', () => {
    expect(sentenceParts('{{actor}} hat {{object}} gesperrt')).toEqual([
      { placeholder: 'actor' },
      ' hat ',
      { placeholder: 'object' },
      ' gesperrt',
    ]);
  });
});

describe('recordedField', () => {
  it('reads after, else before; text and numbers only', () => {
    const entry = { before: { email: 'old@x.test', n: 1 }, after: { email: 'new@x.test', list: [1] } };
    expect(recordedField(entry, 'email')).toBe('new@x.test');
    expect(recordedField(entry, 'n')).toBe('1');
    expect(recordedField(entry, 'list')).toBeNull();
    expect(recordedField({ before: null, after: null }, 'email')).toBeNull();
  });
});

describe('changedFields', () => {
  it('lists only the fields that changed, nested ones by path', () => {
    const before = { locked: false, address: { street: 'Kai 1', city: 'Hamburg' }, vatId: null };
    const after = { locked: false, address: { street: 'Pier 7', city: 'Hamburg' }, vatId: 'DE136695976' };
    expect(changedFields(before, after)).toEqual([
      { path: ['address', 'street'], before: 'Kai 1', after: 'Pier 7' },
      { path: ['vatId'], before: undefined, after: 'DE136695976' },
    ]);
  });

  it('shows every field of an object that appears or goes, and a list as one value', () => {
    expect(changedFields(null, { ranges: [{ from: 1 }], version: 2 })).toEqual([
      { path: ['ranges'], before: undefined, after: [{ from: 1 }] },
      { path: ['version'], before: undefined, after: 2 },
    ]);
    expect(changedFields({ email: 'a@x.test' }, null)).toEqual([
      { path: ['email'], before: 'a@x.test', after: undefined },
    ]);
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
