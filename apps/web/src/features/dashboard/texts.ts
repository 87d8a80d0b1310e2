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
      movements: 'Customer movements of the month',
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
    movements: {
      new: 'New',
      newHint: 'Created or signed up',
      converted: 'Converted to managed',
      convertedHint: 'Were self-service before',
      cancelled: 'Cancelled',
      cancelledHint: 'Ended their subscription',
      deleted: 'Deleted',
      deletedHint: 'Removed for good',
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
    development: {
      title: 'Development',
      range: 'Months shown',
      months: '{{count}} months',
      view: 'View',
      chart: 'Chart',
      table: 'Table',
      caption: 'Development of the last {{count}} billing months',
      month: 'Billing month',
      ips: 'IPs',
      revenueMinor: 'Revenue',
      purchaseMinor: 'Purchase cost',
      marginMinor: 'Margin',
      summary:
        'Chart of the last {{count}} billing months, {{from}} to {{to}}: monthly recurring revenue from {{revenueFrom}} to {{revenueTo}}, IPs from {{ipsFrom}} to {{ipsTo}}.',
      summaryMargin: 'Margin in {{to}}: {{margin}}.',
      noPurchase:
        'Purchase cost and margin are not shown: no purchase price table applied in these months (Settings → Purchase Prices).',
      partlyPurchase:
        'No purchase price table applied in {{months}}, so purchase cost and margin are missing there.',
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
      movements: 'Kundenbewegungen des Monats',
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
    movements: {
      new: 'Neu',
      newHint: 'Angelegt oder selbst registriert',
      converted: 'Zu Managed umgestellt',
      convertedHint: 'Waren vorher Self-Service',
      cancelled: 'Gekündigt',
      cancelledHint: 'Haben ihr Abonnement beendet',
      deleted: 'Gelöscht',
      deletedHint: 'Endgültig entfernt',
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
    development: {
      title: 'Entwicklung',
      range: 'Gezeigte Monate',
      months: '{{count}} Monate',
      view: 'Ansicht',
      chart: 'Diagramm',
      table: 'Tabelle',
      caption: 'Entwicklung der letzten {{count}} Abrechnungsmonate',
      month: 'Abrechnungsmonat',
      ips: 'IPs',
      revenueMinor: 'Umsatz',
      purchaseMinor: 'Einkaufskosten',
      marginMinor: 'Marge',
      summary:
        'Diagramm der letzten {{count}} Abrechnungsmonate, {{from}} bis {{to}}: monatlich wiederkehrender Umsatz von {{revenueFrom}} auf {{revenueTo}}, IPs von {{ipsFrom}} auf {{ipsTo}}.',
      summaryMargin: 'Marge im {{to}}: {{margin}}.',
      noPurchase:
        'Einkaufskosten und Marge fehlen: In diesen Monaten galt keine Einkaufspreistabelle (Einstellungen → Einkaufspreise).',
      partlyPurchase:
        'Für {{months}} galt keine Einkaufspreistabelle, daher fehlen dort Einkaufskosten und Marge.',
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
