import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../lib/secret-box.ts';
import { smtpTransportOptions } from './mail.transport.ts';
import {
  applySave,
  DEFAULT_MAIL_SETTINGS,
  parseSaveRequest,
  type StoredMailSettings,
  toDeliverySettings,
  toMailSettings,
} from './mail-settings.ts';

const secrets = new SecretBox('a-secret-for-unit-tests-that-is-long-enough');
const smtp = (overrides: object = {}) =>
  parseSaveRequest({
    transport: 'smtp',
    host: 'mail.example.test',
    port: 587,
    encryption: 'starttls',
    username: 'mailer',
    password: 'hunter2-but-longer',
    fromAddress: 'NoReply@Provider.test',
    fromName: ' Billing ',
    ...overrides,
  });

describe('mail settings', () => {
  it('seal the password and show only that one is set', () => {
    const stored = applySave(DEFAULT_MAIL_SETTINGS, smtp(), secrets);
    expect(stored.passwordSealed).not.toContain('hunter2');
    expect(secrets.open(stored.passwordSealed!)).toBe('hunter2-but-longer');
    const view = toMailSettings(stored);
    expect(view).toEqual({
      transport: 'smtp',
      host: 'mail.example.test',
      port: 587,
      encryption: 'starttls',
      username: 'mailer',
      passwordSet: true,
      fromAddress: 'noreply@provider.test',
      fromName: 'Billing',
    });
    expect(JSON.stringify(view)).not.toContain(stored.passwordSealed!);
  });

  it('keep the password when none or null is sent, and remove it on an empty one', () => {
    const stored = applySave(DEFAULT_MAIL_SETTINGS, smtp(), secrets);
    expect(applySave(stored, smtp({ password: undefined }), secrets).passwordSealed).toBe(
      stored.passwordSealed,
    );
    expect(applySave(stored, smtp({ password: null }), secrets).passwordSealed).toBe(stored.passwordSealed);
    expect(applySave(stored, smtp({ password: '' }), secrets).passwordSealed).toBeNull();
  });

  it('keep the SMTP fields when switching to log only, so switching back needs no retyping', () => {
    const stored = applySave(DEFAULT_MAIL_SETTINGS, smtp(), secrets);
    const logOnly = applySave(stored, parseSaveRequest({ transport: 'log' }), secrets);
    expect(logOnly).toEqual({ ...stored, transport: 'log' });
    expect(toDeliverySettings(logOnly, secrets)).toEqual({
      transport: 'log',
      from: { name: 'Billing', address: 'noreply@provider.test' },
    });
  });

  it('name the field of a bad request', () => {
    expect(() => smtp({ port: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'port', status: 400 }),
    );
    expect(() => smtp({ host: 'a b' })).toThrow(expect.objectContaining({ field: 'host' }));
    expect(() => parseSaveRequest({ transport: 'fax' })).toThrow(
      expect.objectContaining({ field: 'transport' }),
    );
    expect(() => applySave(DEFAULT_MAIL_SETTINGS, smtp({ username: '' }), secrets)).toThrow(
      expect.objectContaining({ field: 'username' }),
    );
  });

  it('say so when the stored password cannot be opened (APP_SECRET changed)', () => {
    const stored: StoredMailSettings = applySave(
      DEFAULT_MAIL_SETTINGS,
      smtp(),
      new SecretBox('another-secret-that-is-long-enough-too'),
    );
    expect(() => toDeliverySettings(stored, secrets)).toThrow(/cannot be decrypted/);
  });
});

describe('SMTP transport options', () => {
  const delivery = (encryption: 'none' | 'starttls' | 'tls', overrides: object = {}) => {
    const settings = toDeliverySettings(
      applySave(DEFAULT_MAIL_SETTINGS, smtp({ encryption, ...overrides }), secrets),
      secrets,
    );
    if (settings.transport !== 'smtp') throw new Error('expected smtp');
    return smtpTransportOptions(settings);
  };

  it.each([
    ['none', { secure: false, ignoreTLS: true, requireTLS: false }],
    ['starttls', { secure: false, ignoreTLS: false, requireTLS: true }],
    ['tls', { secure: true, ignoreTLS: false, requireTLS: false }],
  ] as const)('encryption %s', (encryption, expected) => {
    expect(delivery(encryption)).toMatchObject({
      ...expected,
      host: 'mail.example.test',
      port: 587,
      auth: { user: 'mailer', pass: 'hunter2-but-longer' },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 10_000,
    });
  });

  it('log in only when a user name is set', () => {
    expect(delivery('none', { username: '', password: '' })).not.toHaveProperty('auth');
  });
});
