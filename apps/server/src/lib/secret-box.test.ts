import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox('a'.repeat(48));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('smtp-pässword');
    expect(sealed).not.toContain('smtp');
    expect(box.open(sealed)).toBe('smtp-pässword');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses a tampered value and a value sealed with another secret', () => {
    const sealed = box.seal('secret');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('b'.repeat(48)).open(sealed)).toThrow();
  });
});
