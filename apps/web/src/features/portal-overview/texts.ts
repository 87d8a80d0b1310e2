import { registerTexts, type Strings } from '../../app/i18n/feature-texts.ts';

/* The overview's texts load with the overview (a lazy chunk), not with the first page's bundle. */

const en = {
  portalOverview: {
    intro: 'Your subscription, invoices and team at a glance.',
    subscription: {
      title: 'Subscription',
      internal: 'Internal IPs',
      external: 'External IPs',
      total: 'IPs in total',
      article: 'Article',
      articleValue: '{{name}} ({{number}})',
      monthlyPrice: 'Monthly price',
      none: 'You have no active subscription.',
      pendingTitle: 'Scheduled change',
      pending:
        '{{kind}} to {{internal}} internal and {{external}} external IPs for {{price}} a month, from {{date}}.',
      details: 'Subscription details',
    },
    invoices: {
      title: 'Latest invoices',
      empty: 'No invoices yet. Your first one is issued after your first billing month.',
      all: 'All invoices',
    },
    team: {
      title: 'Team',
      active_one: '{{count}} active member',
      active_other: '{{count}} active members',
      invited_one: '{{count}} pending invitation',
      invited_other: '{{count}} pending invitations',
      details: 'Team details',
    },
    next: {
      title: 'What you can do next',
      'change-subscription': 'Change the subscription',
      'invite-member': 'Invite a team member',
      'see-invoices': 'See and download invoices',
    },
  },
};

const de: Strings<typeof en> = {
  portalOverview: {
    intro: 'Ihr Abonnement, Ihre Rechnungen und Ihr Team auf einen Blick.',
    subscription: {
      title: 'Abonnement',
      internal: 'Interne IPs',
      external: 'Externe IPs',
      total: 'IPs insgesamt',
      article: 'Artikel',
      articleValue: '{{name}} ({{number}})',
      monthlyPrice: 'Monatspreis',
      none: 'Sie haben kein aktives Abonnement.',
      pendingTitle: 'Geplante Änderung',
      pending:
        '{{kind}} auf {{internal}} interne und {{external}} externe IPs für {{price}} im Monat, ab {{date}}.',
      details: 'Details zum Abonnement',
    },
    invoices: {
      title: 'Neueste Rechnungen',
      empty: 'Noch keine Rechnungen. Die erste wird nach Ihrem ersten Abrechnungsmonat ausgestellt.',
      all: 'Alle Rechnungen',
    },
    team: {
      title: 'Team',
      active_one: '{{count}} aktives Mitglied',
      active_other: '{{count}} aktive Mitglieder',
      invited_one: '{{count}} offene Einladung',
      invited_other: '{{count}} offene Einladungen',
      details: 'Details zum Team',
    },
    next: {
      title: 'Was Sie als Nächstes tun können',
      'change-subscription': 'Abonnement ändern',
      'invite-member': 'Teammitglied einladen',
      'see-invoices': 'Rechnungen ansehen und herunterladen',
    },
  },
};

export const portalOverviewTexts = registerTexts({ en, de });
