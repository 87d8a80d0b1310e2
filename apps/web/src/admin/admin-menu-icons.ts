import {
  type Icon,
  IconAddressBook,
  IconBrandStripe,
  IconBuildingStore,
  IconCoins,
  IconCreditCard,
  IconFileInvoice,
  IconKey,
  IconLayoutDashboard,
  IconMail,
  IconMailCog,
  IconReceipt2,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import type { AdminMenuEntry } from './admin-menu.ts';

/**
 * The menu entries' icons. They are apart from the menu because the router reads the menu for its routes and
 * belongs to the first page, while the icons are drawn only in the admin console's menu panel.
 */
export const adminMenuIcons: Record<AdminMenuEntry['id'], Icon> = {
  dashboard: IconLayoutDashboard,
  billing: IconReceipt2,
  invoices: IconFileInvoice,
  selfService: IconUserPlus,
  paymentMethods: IconCreditCard,
  mailServer: IconMailCog,
  mailLog: IconMail,
  stripe: IconBrandStripe,
  company: IconBuildingStore,
  purchasePrices: IconCoins,
  projectKeys: IconKey,
  auditLog: IconAddressBook,
  admins: IconUsers,
};
