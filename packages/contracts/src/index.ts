export * from './admins.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './customers.ts';
export * from './errors.ts';
export * from './mail.ts';
export * from './self-service.ts';
