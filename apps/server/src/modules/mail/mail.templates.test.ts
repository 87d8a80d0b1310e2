import { describe, expect, it } from 'vitest';
import { renderMail } from './mail.templates.ts';
import { escapeHtml, html } from './templates/html.ts';

const invite = {
  inviteUrl: 'http://portal.test/setup?token=abc&x=1',
  invitedBy: 'boss@provider.test',
  expiresAt: '2026-01-22T10:00:00.000Z',
};
const berlin = { timeZone: 'Europe/Berlin' };

describe('mail templates', () => {
  it('render an admin invitation in English: subject, text and HTML with the link and the expiry in the provider time zone', () => {
    const mail = renderMail('admin-invite', invite, { locale: 'en', ...berlin });
    expect(mail.subject).toBe('Your invitation to vMSP Portal');
    expect(mail.text).toContain('boss@provider.test has invited you to become an administrator');
    expect(mail.text).toContain(invite.inviteUrl);
    expect(mail.text).toMatch(/expires on 22 January 2026(,| at) 11:00 CET/);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('href="http://portal.test/setup?token=abc&amp;x=1"');
  });

  it('render it in German, with a German date', () => {
    const mail = renderMail('admin-invite', invite, { locale: 'de', ...berlin });
    expect(mail.subject).toBe('Ihre Einladung zum vMSP Portal');
    expect(mail.text).toContain('boss@provider.test hat Sie eingeladen');
    expect(mail.text).toMatch(/läuft am 22\. Januar 2026(,| um) 11:00 MEZ ab/);
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('Einladung annehmen');
  });

  it('follow the configured time zone across daylight saving time', () => {
    const summer = { ...invite, expiresAt: '2026-07-01T10:00:00.000Z' };
    expect(renderMail('admin-invite', summer, { locale: 'en', ...berlin }).text).toContain('12:00 CEST');
    expect(renderMail('admin-invite', summer, { locale: 'en', timeZone: 'America/New_York' }).text).toContain(
      '1 July 2026 at 06:00',
    );
  });

  it('escape parameters in the HTML part but keep them verbatim in the text part', () => {
    const hostile = {
      ...invite,
      invitedBy: '<script>alert("x")</script>',
      inviteUrl: 'http://portal.test/setup?token="><img src=x>',
    };
    const mail = renderMail('admin-invite', hostile, { locale: 'en', ...berlin });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('"><img');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.text).toContain('<script>alert("x")</script>');
  });

  it('render the test mail in both languages', () => {
    expect(renderMail('test', {}, { locale: 'en', ...berlin })).toMatchObject({
      subject: 'Test mail from vMSP Portal',
    });
    expect(renderMail('test', {}, { locale: 'de', ...berlin })).toMatchObject({
      subject: 'Testnachricht vom vMSP Portal',
    });
  });

  it('render a customer invitation in both languages', () => {
    const params = {
      inviteUrl: 'http://portal.test/invitation?token=t',
      companyName: 'Acme & Co',
      contactName: 'Cora',
      expiresAt: invite.expiresAt,
    };
    const en = renderMail('customer-invite', params, { locale: 'en', ...berlin });
    expect(en.subject).toBe('Your invitation to vMSP Portal for Acme & Co');
    expect(en.text).toContain('Hello Cora,');
    expect(en.html).toContain('Acme &amp; Co');
    const de = renderMail('customer-invite', params, { locale: 'de', ...berlin });
    expect(de.text).toContain('Hallo Cora,');
    expect(de.text).toContain('22. Januar 2026');
  });

  it('refuse an expiry that is not an instant instead of mailing "Invalid Date"', () => {
    expect(() =>
      renderMail('admin-invite', { ...invite, expiresAt: 'next week' }, { locale: 'en', ...berlin }),
    ).toThrow(/ISO-8601/);
  });
});

describe('html tag', () => {
  it('escapes every interpolated string and keeps nested safe HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[inner, inner]}${42}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b><b>&lt;i&gt;</b>42</p>',
    );
  });
});
