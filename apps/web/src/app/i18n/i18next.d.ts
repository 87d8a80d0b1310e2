import 'i18next';
import type { auditLogTexts } from '../../features/audit-log/texts.ts';
import type { companySettingsTexts } from '../../features/company-settings/texts.ts';
import type { dashboardTexts } from '../../features/dashboard/texts.ts';
import type { invoiceTexts } from '../../features/invoices/texts.ts';
import type { mailLogTexts } from '../../features/mail-log/texts.ts';
import type { onboardingTexts } from '../../features/onboarding/texts.ts';
import type { portalOverviewTexts } from '../../features/portal-overview/texts.ts';
import type { stripeKeysTexts } from '../../features/stripe-settings/texts.ts';
import type { unsavedChangesTexts } from '../unsaved-changes-texts.ts';
import type { validationRuleTexts } from '../validation-rule-texts.ts';
import type { en } from './en.ts';
import type { enPages } from './en-pages.ts';

/**
 * Every key a component may use: the first page's texts, the other pages' (loaded by the router) and those that
 * features register when they load.
 */
type Translation = typeof en &
  typeof enPages &
  typeof auditLogTexts.en &
  typeof companySettingsTexts.en &
  typeof dashboardTexts.en &
  typeof invoiceTexts.en &
  typeof mailLogTexts.en &
  typeof onboardingTexts.en &
  typeof portalOverviewTexts.en &
  typeof stripeKeysTexts.en &
  typeof unsavedChangesTexts.en &
  typeof validationRuleTexts.en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
