import { registerTexts } from '../../app/i18n/feature-texts.ts';

/* The Dashboard's texts travel with its lazy chunk, not with the first page's bundle. */

const en = {
  dashboard: {
    title: 'Dashboard',
    month: 'Billing month',
    currentMonth: '{{month}} (current)',
    asOfNow: 'Subscriptions as running now.',
    asOfClose: 'Subscriptions as running when {{month}} closed. Customers as of today.',
    sections: {
      customers: 'Customers',
      ips: 'IPs',
      revenue: 'Revenue',
      purchase: 'Purchase and margin',
      invoices: 'Invoices of the month',
      scheduled: 'Scheduled at the month end',
    },
    customers: {
      total: 'All customers',
      status: {
        invited: 'Invited',
        active: 'Active',
        inactive: 'Inactive',
        locked: 'Locked',
        deleting: 'Being deleted',
      },
      managed: 'Managed',
      selfService: 'Self-service',
    },
    ips: {
      total: 'IPs total',
      internal: 'Internal IPs',
      external: 'External IPs',
      creditCard: 'Paid by credit card',
      invoice: 'Paid by invoice',
      projectKey: 'Paid by project key',
    },
    revenue: {
      monthlyRecurring: 'Monthly recurring revenue',
      averagePerIp: 'Average sales price per IP',
      selfService: 'Income from self-service customers',
      managed: 'Income from managed customers',
    },
    purchase: {
      total: 'Purchase cost per month',
      averagePerIp: 'Average purchase price per IP',
      margin: 'Margin per month',
      marginPerIp: 'Margin per IP',
      missingTitle: 'No purchase prices',
      missing:
        'No purchase price table applies to this month, so purchase cost and margin cannot be shown. Enter what your upstream MSP charges per IP in Settings → Purchase Prices.',
      openSettings: 'Open Purchase Prices',
    },
    invoices: {
      issued: 'Issued',
      paid: 'Paid',
      overdue: 'Overdue',
      amount: '{{count}} · {{amount}}',
    },
    scheduled: {
      count: 'Scheduled changes',
      ipDelta: 'IP change',
      revenueDelta: 'Revenue change',
      hint: 'Applies on {{date}}.',
    },
    download: {
      button: 'Billing data',
      label: 'Billing data of {{month}}',
      csv: 'CSV',
      xlsx: 'Excel (XLSX)',
      pdf: 'PDF summary',
    },
    noValue: '–',
  },
};

const de: typeof en = {
  dashboard: {
    title: 'Dashboard',
    month: 'Abrechnungsmonat',
    currentMonth: '{{month}} (aktuell)',
    asOfNow: 'Abonnements, wie sie jetzt laufen.',
    asOfClose: 'Abonnements, wie sie zum Ende von {{month}} liefen. Kunden mit heutigem Stand.',
    sections: {
      customers: 'Kunden',
      ips: 'IPs',
      revenue: 'Umsatz',
      purchase: 'Einkauf und Marge',
      invoices: 'Rechnungen des Monats',
      scheduled: 'Geplant zum Monatsende',
    },
    customers: {
      total: 'Alle Kunden',
      status: {
        invited: 'Eingeladen',
        active: 'Aktiv',
        inactive: 'Inaktiv',
        locked: 'Gesperrt',
        deleting: 'Wird gelöscht',
      },
      managed: 'Managed',
      selfService: 'Self-Service',
    },
    ips: {
      total: 'IPs gesamt',
      internal: 'Interne IPs',
      external: 'Externe IPs',
      creditCard: 'Per Kreditkarte bezahlt',
      invoice: 'Per Rechnung bezahlt',
      projectKey: 'Per Projektschlüssel bezahlt',
    },
    revenue: {
      monthlyRecurring: 'Monatlich wiederkehrender Umsatz',
      averagePerIp: 'Durchschnittlicher Verkaufspreis je IP',
      selfService: 'Einnahmen von Self-Service-Kunden',
      managed: 'Einnahmen von Managed-Kunden',
    },
    purchase: {
      total: 'Einkaufskosten pro Monat',
      averagePerIp: 'Durchschnittlicher Einkaufspreis je IP',
      margin: 'Marge pro Monat',
      marginPerIp: 'Marge je IP',
      missingTitle: 'Keine Einkaufspreise',
      missing:
        'Für diesen Monat gilt keine Einkaufspreistabelle, daher lassen sich Einkaufskosten und Marge nicht zeigen. Tragen Sie unter Einstellungen → Einkaufspreise ein, was Ihr Upstream-MSP je IP berechnet.',
      openSettings: 'Einkaufspreise öffnen',
    },
    invoices: {
      issued: 'Ausgestellt',
      paid: 'Bezahlt',
      overdue: 'Überfällig',
      amount: '{{count}} · {{amount}}',
    },
    scheduled: {
      count: 'Geplante Änderungen',
      ipDelta: 'IP-Änderung',
      revenueDelta: 'Umsatzänderung',
      hint: 'Gilt ab {{date}}.',
    },
    download: {
      button: 'Abrechnungsdaten',
      label: 'Abrechnungsdaten für {{month}}',
      csv: 'CSV',
      xlsx: 'Excel (XLSX)',
      pdf: 'PDF-Zusammenfassung',
    },
    noValue: '–',
  },
};

export const dashboardTexts = registerTexts({ en, de });
