import { registerTexts, type Strings } from '../../app/i18n/feature-texts.ts';

/* The first-steps checklist's texts travel with the Dashboard's and Billing's lazy chunks. */

const en = {
  onboarding: {
    title: 'First steps',
    intro:
      'Set up the portal in five steps. Each step ticks itself when it is done; this list goes away after the last one.',
    progress: '{{done}} of {{total}} done',
    done: 'Done',
    open: 'Open',
    steps: {
      'mail-server': {
        label: 'Mail server',
        hint: 'Enter your SMTP server under Settings → Mail Server and send a test mail: invitations and invoices go out by mail.',
      },
      'company-data': {
        label: 'Company data',
        hint: 'Complete Settings → Company: your address, tax and bank details are printed on every invoice.',
      },
      'price-table': {
        label: 'Sales price table',
        hint: 'Enter the prices per IP that customers pay, under Self-Service.',
      },
      'payment-methods': {
        label: 'Payment methods',
        hint: 'Choose how customers may pay: activate or deactivate the methods under Payment Methods.',
      },
      'first-customer': {
        label: 'First customer',
        hint: 'Create your first customer under Billing; its main user gets an invitation by mail.',
      },
    },
    billingEmpty: 'No customers yet.',
    billingEmptyHint: 'The first steps on the Dashboard lead you through the set-up to your first customer.',
    toChecklist: 'Open the first steps',
  },
};

const de: Strings<typeof en> = {
  onboarding: {
    title: 'Erste Schritte',
    intro:
      'Richten Sie das Portal in fünf Schritten ein. Jeder Schritt hakt sich selbst ab, sobald er erledigt ist; nach dem letzten verschwindet diese Liste.',
    progress: '{{done}} von {{total}} erledigt',
    done: 'Erledigt',
    open: 'Offen',
    steps: {
      'mail-server': {
        label: 'Mailserver',
        hint: 'Tragen Sie Ihren SMTP-Server unter Einstellungen → Mailserver ein und senden Sie eine Testmail: Einladungen und Rechnungen gehen per Mail hinaus.',
      },
      'company-data': {
        label: 'Firmendaten',
        hint: 'Vervollständigen Sie Einstellungen → Unternehmen: Adresse, Steuer- und Bankdaten stehen auf jeder Rechnung.',
      },
      'price-table': {
        label: 'Verkaufspreistabelle',
        hint: 'Tragen Sie unter Self-Service die Preise pro IP ein, die Kunden zahlen.',
      },
      'payment-methods': {
        label: 'Zahlungsmethoden',
        hint: 'Legen Sie fest, wie Kunden zahlen dürfen: Aktivieren oder deaktivieren Sie die Methoden unter Zahlungsmethoden.',
      },
      'first-customer': {
        label: 'Erster Kunde',
        hint: 'Legen Sie unter Kunden Ihren ersten Kunden an; sein Hauptbenutzer erhält eine Einladung per Mail.',
      },
    },
    billingEmpty: 'Noch keine Kunden.',
    billingEmptyHint:
      'Die ersten Schritte auf dem Dashboard führen Sie durch die Einrichtung bis zum ersten Kunden.',
    toChecklist: 'Erste Schritte öffnen',
  },
};

export const onboardingTexts = registerTexts({ en, de });
