import { describe, expect, it } from 'vitest';
import { companyAddressRequest, companyAddressValues } from './company-address-form.tsx';

const address = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

describe('the company address form’s invoice e-mail', () => {
  it('shows a stored invoice e-mail, and an empty field when invoices go to the main user', () => {
    const stored = { address, vatId: null, billingAddress: null, invoiceEmail: 'ap@acme.test' };
    expect(companyAddressValues(stored).invoiceEmail).toBe('ap@acme.test');
    expect(companyAddressValues({ ...stored, invoiceEmail: null }).invoiceEmail).toBe('');
  });

  it('sends a blank field as null (to the main user) and an address trimmed', () => {
    const values = companyAddressValues({ address, vatId: null, billingAddress: null, invoiceEmail: null });
    expect(companyAddressRequest({ ...values, invoiceEmail: '   ' }).invoiceEmail).toBeNull();
    expect(companyAddressRequest({ ...values, invoiceEmail: ' ap@acme.test ' }).invoiceEmail).toBe(
      'ap@acme.test',
    );
  });
});
