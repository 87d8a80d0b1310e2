import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Messages } from '../app/i18n/en.ts';

export interface AdminMenuEntry {
  /** Its label is `admin.entries.<id>`. */
  id: keyof Messages['admin']['entries'];
  /** Below `/admin/`. */
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export interface AdminMenuCategory {
  /** Its label is `admin.categories.<id>`. */
  id: keyof Messages['admin']['categories'];
  entries: AdminMenuEntry[];
}

/**
 * The admin console's menu panel, grouped as in the manual. Each entry is also a route, so a new page is one
 * entry here (and its icon in admin-menu-icons.ts). A category without entries is not shown. The first entry
 * is where `/admin` lands.
 */
export const adminMenu: AdminMenuCategory[] = [
  {
    id: 'billing',
    entries: [
      {
        id: 'dashboard',
        path: 'dashboard',
        page: lazy(() => import('../features/dashboard/dashboard-page.tsx')),
      },
      {
        id: 'billing',
        path: 'billing',
        page: lazy(() => import('../features/customers/billing-page.tsx')),
      },
      {
        id: 'invoices',
        path: 'invoices',
        page: lazy(() => import('../features/invoices/invoices-page.tsx')),
      },
      {
        id: 'selfService',
        path: 'self-service',
        page: lazy(() => import('../features/self-service/self-service-page.tsx')),
      },
      {
        id: 'paymentMethods',
        path: 'payment-methods',
        page: lazy(() => import('../features/payment-methods/payment-methods-page.tsx')),
      },
    ],
  },
  {
    id: 'settings',
    entries: [
      {
        id: 'mailServer',
        path: 'settings/mail',
        page: lazy(() => import('../features/mail-settings/mail-settings-page.tsx')),
      },
      {
        id: 'mailLog',
        path: 'settings/mail-log',
        page: lazy(() => import('../features/mail-log/mail-log-page.tsx')),
      },
      {
        id: 'stripe',
        path: 'settings/stripe',
        page: lazy(() => import('../features/stripe-settings/stripe-settings-page.tsx')),
      },
      {
        id: 'company',
        path: 'settings/company',
        page: lazy(() => import('../features/company-settings/company-settings-page.tsx')),
      },
      {
        id: 'purchasePrices',
        path: 'settings/purchase-prices',
        page: lazy(() => import('../features/purchase-prices/purchase-prices-page.tsx')),
      },
      {
        id: 'projectKeys',
        path: 'settings/project-keys',
        page: lazy(() => import('../features/project-keys/project-keys-page.tsx')),
      },
      {
        id: 'auditLog',
        path: 'settings/audit',
        page: lazy(() => import('../features/audit-log/audit-log-page.tsx')),
      },
      {
        id: 'admins',
        path: 'settings/admins',
        page: lazy(() => import('../features/admins/admins-page.tsx')),
      },
    ],
  },
];

export const adminMenuEntries: AdminMenuEntry[] = adminMenu.flatMap((category) => category.entries);
