import type { AuditAction } from '@vmsp/contracts';
import type { ActionText } from './audit-action-texts.ts';

/** The audit actions in German (see audit-action-texts.ts). */
export const de: Record<AuditAction, ActionText> = {
  'admin.created-from-cli': {
    label: 'Administrator über die Kommandozeile angelegt',
    sentence: '{{actor}} hat den Administrator {{object}} über die Kommandozeile angelegt',
  },
  'admin.first-admin-created': {
    label: 'Erster Administrator eingerichtet',
    sentence: '{{actor}} hat das Portal als erster Administrator eingerichtet',
  },
  'admin.invitation-accepted': {
    label: 'Administrator-Einladung angenommen',
    sentence: '{{actor}} hat die Einladung als Administrator angenommen',
  },
  'admin.invited': {
    label: 'Administrator eingeladen',
    sentence: '{{actor}} hat {{object}} als Administrator eingeladen',
  },
  'admin.removed': {
    label: 'Administrator entfernt',
    sentence: '{{actor}} hat den Administrator {{object}} entfernt',
  },
  'audit-log.exported': {
    label: 'Audit-Protokoll exportiert',
    sentence: '{{actor}} hat das Audit-Protokoll exportiert',
  },
  'billing-data.downloaded': {
    label: 'Abrechnungsdaten heruntergeladen',
    sentence: '{{actor}} hat die Abrechnungsdaten für {{object}} heruntergeladen',
  },
  'company-settings.changed': {
    label: 'Firmendaten geändert',
    sentence: '{{actor}} hat die Firmendaten geändert',
  },
  'credit-note.issued': {
    label: 'Gutschrift ausgestellt',
    sentence: '{{actor}} hat die Gutschrift {{object}} ausgestellt',
  },
  'customer.address-changed': {
    label: 'Kundenadresse geändert',
    sentence: '{{actor}} hat die Adresse von {{object}} geändert',
  },
  'customer.converted-to-managed': {
    label: 'Kunde zu Managed umgewandelt',
    sentence: '{{actor}} hat {{object}} in einen Managed-Kunden umgewandelt',
  },
  'customer.created': { label: 'Kunde angelegt', sentence: '{{actor}} hat den Kunden {{object}} angelegt' },
  'customer.deleted': { label: 'Kunde gelöscht', sentence: '{{actor}} hat den Kunden {{object}} gelöscht' },
  'customer.deletion-undone': {
    label: 'Löschen des Kunden rückgängig gemacht',
    sentence: '{{actor}} hat das Löschen von {{object}} rückgängig gemacht',
  },
  'customer.email-verified': {
    label: 'E-Mail-Adresse des Kunden bestätigt',
    sentence: '{{actor}} hat die E-Mail-Adresse für {{object}} bestätigt',
  },
  'customer.invitation-resent': {
    label: 'Kundeneinladung erneut gesendet',
    sentence: '{{actor}} hat die Einladung von {{object}} erneut gesendet',
  },
  'customer.locked': { label: 'Kunde gesperrt', sentence: '{{actor}} hat {{object}} gesperrt' },
  'customer.main-user-changed': {
    label: 'Hauptbenutzer geändert',
    sentence: '{{actor}} hat den Hauptbenutzer von {{object}} geändert',
  },
  'customer.marked-for-deletion': {
    label: 'Kunde zum Löschen vorgemerkt',
    sentence: '{{actor}} hat {{object}} zum Löschen vorgemerkt',
  },
  'customer.purged': {
    label: 'Kunde endgültig gelöscht',
    sentence: '{{actor}} hat die Daten von {{object}} endgültig gelöscht',
  },
  'customer.registered': {
    label: 'Kunde registriert',
    sentence: '{{actor}} hat sich für {{object}} registriert',
  },
  'customer.signed-up': {
    label: 'Kunde selbst registriert',
    sentence: '{{actor}} hat {{object}} selbst registriert',
  },
  'customer.unlocked': { label: 'Kunde entsperrt', sentence: '{{actor}} hat {{object}} entsperrt' },
  'customers.exported': {
    label: 'Kundenliste exportiert',
    sentence: '{{actor}} hat die Kundenliste exportiert',
  },
  'invoice-run.not-configured': {
    label: 'Rechnungslauf übersprungen',
    sentence: '{{actor}} hat für {{object}} keine Rechnungen ausgestellt: die Firmendaten sind unvollständig',
  },
  'invoice.credit-note-issued': {
    label: 'Rechnung gutgeschrieben',
    sentence: '{{actor}} hat zur Rechnung {{object}} die Gutschrift {{creditNoteNumber}} ausgestellt',
  },
  'invoice.issued': {
    label: 'Rechnung ausgestellt',
    sentence: '{{actor}} hat die Rechnung {{object}} ausgestellt',
  },
  'invoice.mailed': {
    label: 'Rechnung versendet',
    sentence: '{{actor}} hat die Rechnung {{object}} an {{detail}} gesendet',
  },
  'invoice.overdue': {
    label: 'Rechnung überfällig',
    sentence: '{{actor}} hat die Rechnung {{object}} als überfällig markiert',
  },
  'invoice.paid': {
    label: 'Rechnung bezahlt',
    sentence: '{{actor}} hat die Rechnung {{object}} als bezahlt markiert',
  },
  'invoice.refused': {
    label: 'Rechnung nicht ausgestellt',
    sentence: '{{actor}} hat {{object}} für {{billingMonth}} keine Rechnung ausgestellt',
  },
  'invoice.rendered': {
    label: 'Rechnungsdokumente erzeugt',
    sentence: '{{actor}} hat die Dokumente der Rechnung {{object}} erzeugt',
  },
  'invoices.exported': {
    label: 'Rechnungen exportiert',
    sentence: '{{actor}} hat die Rechnungen für {{month}} exportiert',
  },
  'mail-settings.changed': {
    label: 'Mailserver geändert',
    sentence: '{{actor}} hat die Mailserver-Einstellungen geändert',
  },
  'mail.retried': {
    label: 'Mail erneut versucht',
    sentence: '{{actor}} hat die Mail an {{object}} erneut in die Warteschlange gestellt',
  },
  'mail.test-sent': {
    label: 'Testmail gesendet',
    sentence: '{{actor}} hat eine Testmail an {{object}} gesendet',
  },
  'notification-settings.changed': {
    label: 'Benachrichtigungsadresse geändert',
    sentence: '{{actor}} hat die Benachrichtigungsadresse geändert',
  },
  'payment-method.activated': {
    label: 'Zahlungsart aktiviert',
    sentence: '{{actor}} hat die Zahlungsart {{object}} aktiviert',
  },
  'payment-method.deactivated': {
    label: 'Zahlungsart deaktiviert',
    sentence: '{{actor}} hat die Zahlungsart {{object}} deaktiviert',
  },
  'payment.failed': {
    label: 'Kartenzahlung fehlgeschlagen',
    sentence: '{{actor}} hat eine fehlgeschlagene Kartenzahlung von {{object}} vermerkt',
  },
  'payment.succeeded': {
    label: 'Kartenzahlung eingegangen',
    sentence: '{{actor}} hat eine Kartenzahlung von {{object}} vermerkt',
  },
  'price-table.saved': {
    label: 'Preistabelle gespeichert',
    sentence: '{{actor}} hat Version {{object}} der Preistabelle gespeichert',
  },
  'project-key-signer.added': {
    label: 'Projektschlüssel-Aussteller hinzugefügt',
    sentence: '{{actor}} hat den Projektschlüssel-Aussteller {{object}} hinzugefügt',
  },
  'project-key-signer.removed': {
    label: 'Projektschlüssel-Aussteller entfernt',
    sentence: '{{actor}} hat den Projektschlüssel-Aussteller {{object}} entfernt',
  },
  'project-key.redeemed': {
    label: 'Projektschlüssel eingelöst',
    sentence: '{{actor}} hat einen Projektschlüssel für {{object}} eingelöst',
  },
  'purchase-price-table.saved': {
    label: 'Einkaufspreistabelle gespeichert',
    sentence: '{{actor}} hat Version {{object}} der Einkaufspreistabelle gespeichert',
  },
  'self-service-settings.changed': {
    label: 'Self-Service-Einstellungen geändert',
    sentence: '{{actor}} hat die Self-Service-Einstellungen geändert',
  },
  'session.signed-in': { label: 'Angemeldet', sentence: '{{actor}} hat sich angemeldet' },
  'stripe-settings.changed': {
    label: 'Stripe-Einstellungen geändert',
    sentence: '{{actor}} hat die Stripe-Einstellungen geändert',
  },
  'stripe.sync-refused': {
    label: 'Änderung von Stripe abgelehnt',
    sentence:
      '{{actor}} konnte die Änderung von {{object}} nicht an Stripe übergeben: Stripe hat sie abgelehnt',
  },
  'subscription.cancelled': {
    label: 'Abonnement gekündigt',
    sentence: '{{actor}} hat das Abonnement von {{object}} gekündigt',
  },
  'subscription.card-checkout-started': {
    label: 'Kartenzahlung begonnen',
    sentence: '{{actor}} hat eine Kartenzahlung für {{object}} begonnen',
  },
  'subscription.change-applied': {
    label: 'Geplante Änderung angewendet',
    sentence: '{{actor}} hat die geplante Abonnementänderung von {{object}} angewendet',
  },
  'subscription.downgrade': {
    label: 'IPs reduziert',
    sentence: '{{actor}} hat die IPs von {{object}} reduziert',
  },
  'subscription.redistribution': {
    label: 'IPs neu verteilt',
    sentence: '{{actor}} hat die IPs von {{object}} neu verteilt',
  },
  'subscription.repriced': {
    label: 'Auf neue Preistabelle umgestellt',
    sentence: '{{actor}} hat {{object}} auf die neue Preistabelle umgestellt',
  },
  'subscription.start': {
    label: 'Abonnement begonnen',
    sentence: '{{actor}} hat ein Abonnement für {{object}} begonnen',
  },
  'subscription.term-ended': {
    label: 'Projektschlüssel-Laufzeit beendet',
    sentence: '{{actor}} hat die Projektschlüssel-Laufzeit von {{object}} beendet',
  },
  'subscription.upgrade': { label: 'IPs erhöht', sentence: '{{actor}} hat die IPs von {{object}} erhöht' },
  'team.invitation-resent': {
    label: 'Team-Einladung erneut gesendet',
    sentence: '{{actor}} hat die Einladung von {{email}} ins Team von {{object}} erneut gesendet',
  },
  'team.invitation-withdrawn': {
    label: 'Team-Einladung zurückgezogen',
    sentence: '{{actor}} hat die Einladung von {{email}} ins Team von {{object}} zurückgezogen',
  },
  'team.member-disabled': {
    label: 'Teammitglied deaktiviert',
    sentence: '{{actor}} hat {{email}} im Team von {{object}} deaktiviert',
  },
  'team.member-enabled': {
    label: 'Teammitglied aktiviert',
    sentence: '{{actor}} hat {{email}} im Team von {{object}} aktiviert',
  },
  'team.member-invited': {
    label: 'Teammitglied eingeladen',
    sentence: '{{actor}} hat {{email}} ins Team von {{object}} eingeladen',
  },
  'team.member-joined': {
    label: 'Teammitglied beigetreten',
    sentence: '{{actor}} ist dem Team von {{object}} beigetreten',
  },
  'team.member-removed': {
    label: 'Teammitglied entfernt',
    sentence: '{{actor}} hat {{email}} aus dem Team von {{object}} entfernt',
  },
  'user.password-reset': {
    label: 'Passwort zurückgesetzt',
    sentence: '{{actor}} hat das Passwort von {{object}} zurückgesetzt',
  },
};
