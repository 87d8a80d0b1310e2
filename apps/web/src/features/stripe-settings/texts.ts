import { registerTexts, type Strings } from '../../app/i18n/feature-texts.ts';

/* Where Stripe shows each key, and the Credit Card row's entry to this form: with Stripe's and Payment Methods' chunks. */

const en = {
  stripeKeys: {
    secretKeyWhere:
      "The portal creates card payments and subscriptions with it. In Stripe's Dashboard: Developers → API keys → Secret key (reveal it there; test keys while Test mode is on).",
    publishableKeyWhere:
      "The payment page opens Stripe with it; it may be public. In Stripe's Dashboard: Developers → API keys → Publishable key.",
    configure: 'Configure',
    configureMethod: 'Configure {{method}}',
    modalTitle: '{{method}}: Stripe keys',
  },
};

const de: Strings<typeof en> = {
  stripeKeys: {
    secretKeyWhere:
      'Damit legt das Portal Kartenzahlungen und Abonnements an. Im Stripe-Dashboard: Entwickler → API-Schlüssel → Geheimer Schlüssel (dort aufdecken; Testschlüssel bei eingeschaltetem Testmodus).',
    publishableKeyWhere:
      'Damit öffnet die Zahlungsseite Stripe; er darf öffentlich sein. Im Stripe-Dashboard: Entwickler → API-Schlüssel → Veröffentlichbarer Schlüssel.',
    configure: 'Konfigurieren',
    configureMethod: '{{method}} konfigurieren',
    modalTitle: '{{method}}: Stripe-Schlüssel',
  },
};

export const stripeKeysTexts = registerTexts({ en, de });
