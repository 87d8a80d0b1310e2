import { describe, expect, it } from 'vitest';
import { renderMail } from './mail.templates.ts';

const berlin = { timeZone: 'Europe/Berlin' };
const invoice = {
  sellerName: 'Provider & Co GmbH',
  number: 'RE-2026-000123',
  billingMonth: '2026-11',
  grossMinor: 53_550,
  currency: 'EUR',
  dueDate: '2026-12-15',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
};
const creditNote = {
  sellerName: 'Provider & Co GmbH',
  number: 'RE-2026-000124',
  invoiceNumber: 'RE-2026-000123',
  grossMinor: 17_850,
  currency: 'EUR',
  reason: 'Wrong IP count <100>',
};

describe('invoice mails', () => {
  it('tell the number, month, gross, due date and bank account of an invoice, in English', () => {
    const mail = renderMail('invoice-issued', invoice, { locale: 'en', ...berlin });
    expect(mail.subject).toBe('Invoice RE-2026-000123 for November 2026');
    expect(mail.text).toContain(
      'invoice RE-2026-000123 from Provider & Co GmbH for November 2026, over €535.50.',
    );
    expect(mail.text).toContain('Payable by bank transfer by 15 December 2026');
    expect(mail.text).toContain('Bank: Commerzbank\nIBAN: DE89370400440532013000\nBIC: COBADEFFXXX');
    expect(mail.html).toContain('Provider &amp; Co GmbH');
    expect(mail.html).toContain('IBAN: DE89370400440532013000');
  });

  it('and in German, with German months, dates and amounts', () => {
    const mail = renderMail('invoice-issued', invoice, { locale: 'de', ...berlin });
    expect(mail.subject).toBe('Rechnung RE-2026-000123 für November 2026');
    expect(mail.text).toContain('über 535,50\u00a0€');
    expect(mail.text).toContain('Zahlbar per Überweisung bis zum 15. Dezember 2026');
    expect(
      renderMail('invoice-issued', { ...invoice, billingMonth: '2026-03' }, { locale: 'de', ...berlin })
        .subject,
    ).toBe('Rechnung RE-2026-000123 für März 2026');
  });

  it('show calendar dates as they are, in any provider time zone', () => {
    const far = { timeZone: 'Pacific/Kiritimati' };
    expect(
      renderMail('invoice-issued', { ...invoice, dueDate: '2026-01-01' }, { locale: 'en', ...far }).text,
    ).toContain('by 1 January 2026');
    expect(
      renderMail(
        'invoice-issued',
        { ...invoice, dueDate: '2026-12-31' },
        { locale: 'en', timeZone: 'America/Anchorage' },
      ).text,
    ).toContain('by 31 December 2026');
  });

  it('give amounts in the currency’s own minor units', () => {
    expect(
      renderMail('invoice-issued', { ...invoice, grossMinor: 1_000_001 }, { locale: 'en', ...berlin }).text,
    ).toContain('€10,000.01');
    expect(
      renderMail(
        'invoice-issued',
        { ...invoice, currency: 'JPY', grossMinor: 5350 },
        { locale: 'en', ...berlin },
      ).text,
    ).toContain('¥5,350');
  });

  it('tell a credit note’s number, invoice, amount and reason in both languages, escaping the reason in HTML', () => {
    const en = renderMail('credit-note-issued', creditNote, { locale: 'en', ...berlin });
    expect(en.subject).toBe('Credit note RE-2026-000124 for invoice RE-2026-000123');
    expect(en.text).toContain(
      'credit note RE-2026-000124 from Provider & Co GmbH for invoice RE-2026-000123, over €178.50.',
    );
    expect(en.text).toContain('Reason: Wrong IP count <100>');
    expect(en.html).toContain('Reason: Wrong IP count &lt;100&gt;');
    const de = renderMail('credit-note-issued', creditNote, { locale: 'de', ...berlin });
    expect(de.subject).toBe('Gutschrift RE-2026-000124 zur Rechnung RE-2026-000123');
    expect(de.text).toContain('über 178,50\u00a0€');
    expect(de.text).toContain('Grund: Wrong IP count <100>');
  });

  it('refuse a date, month or amount that is not one instead of mailing nonsense', () => {
    expect(() =>
      renderMail('invoice-issued', { ...invoice, dueDate: '15.12.2026' }, { locale: 'en', ...berlin }),
    ).toThrow(/calendar date/);
    expect(() =>
      renderMail('invoice-issued', { ...invoice, grossMinor: 1.5 }, { locale: 'en', ...berlin }),
    ).toThrow(/minor units/);
  });
});
