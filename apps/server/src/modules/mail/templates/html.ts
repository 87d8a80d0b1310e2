import type { Locale } from '@vmsp/contracts';

/**
 * HTML that is already safe to embed. Only the `html` tag below creates it, so every value that did not
 * pass through it (recipient names, URLs, anything a user typed) is escaped on the way in.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

const embed = (value: HtmlValue): string => {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: SafeHtml) => v.value).join('');
  return escapeHtml(String(value));
};

/** Tagged template: the literal parts are trusted markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += embed(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export function paragraph(text: string | SafeHtml): SafeHtml {
  return html`<p style="margin:0 0 16px;line-height:1.5">${text}</p>`;
}

/** A call-to-action link that mail clients show as a button; its URL also goes into the text part. */
export function button(url: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0"><a href="${url}" style="display:inline-block;padding:10px 20px;background:#1c7ed6;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${label}</a></p>
<p style="margin:0 0 16px;line-height:1.5;font-size:13px;color:#555555;word-break:break-all">${url}</p>`;
}

/** The frame every mail shares; inline styles only, because many mail clients drop style sheets. */
export function layout(options: { locale: Locale; title: string; body: SafeHtml; footer: string }): SafeHtml {
  return html`<!doctype html>
<html lang="${options.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${options.title}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;color:#1a1b1e">
<div style="background:#ffffff;border-radius:8px;padding:24px">
<h1 style="margin:0 0 20px;font-size:20px">${options.title}</h1>
${options.body}
</div>
<p style="margin:16px 0 0;font-size:12px;color:#777777">${options.footer}</p>
</div>
</body>
</html>
`;
}
