import type { CompanySettings } from '@vmsp/contracts';

/** A complete Settings → Company for tests: every field an invoice needs, valid VAT-ID, IBAN and BIC. */
export const COMPLETE_COMPANY: CompanySettings = {
  companyName: 'Provider Security GmbH',
  street: 'Hauptstraße 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
  vatId: 'DE136695976',
  taxNumber: '',
  email: 'billing@provider.test',
  phone: '+49 30 123456',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
  footer: 'Managing director: Erika Muster · Amtsgericht Berlin HRB 12345',
  standardVatRateBasisPoints: 1900,
  paymentTermDays: 14,
  numberPattern: 'RE-{YYYY}-{seq:6}',
  logoDataUrl: null,
};
