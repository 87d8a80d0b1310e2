export * from './billing-month.ts';
export * from './countries.ts';
export * from './customer-status.ts';
export * from './money.ts';
export * from './password-policy.ts';
export * from './price-table.ts';
export * from './subscription-change.ts';
export * from './vat-id.ts';
