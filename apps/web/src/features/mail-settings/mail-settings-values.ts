import type { MailEncryption, MailSettings, MailTransport, SaveMailSettingsRequest } from '@vmsp/contracts';

/** The form's state: the stored settings plus how to treat the stored password. */
export interface MailSettingsValues {
  transport: MailTransport;
  host: string;
  port: number | string;
  encryption: MailEncryption;
  username: string;
  /** Empty keeps the stored password. */
  password: string;
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
}

export const formFields = [
  'transport',
  'host',
  'port',
  'encryption',
  'username',
  'password',
  'fromAddress',
  'fromName',
] as const;

export function valuesFrom(settings: MailSettings): MailSettingsValues {
  return {
    transport: settings.transport,
    host: settings.host,
    port: settings.port > 0 ? settings.port : 587,
    encryption: settings.encryption,
    username: settings.username,
    password: '',
    removePassword: false,
    fromAddress: settings.fromAddress,
    fromName: settings.fromName,
  };
}

function storedPasswordChange(values: MailSettingsValues): string | null {
  if (values.removePassword) return '';
  return values.password === '' ? null : values.password;
}

export function requestFrom(values: MailSettingsValues): SaveMailSettingsRequest {
  if (values.transport === 'smtp') {
    return {
      transport: 'smtp',
      host: values.host,
      port: Number(values.port),
      encryption: values.encryption,
      username: values.username,
      password: storedPasswordChange(values),
      fromAddress: values.fromAddress,
      fromName: values.fromName,
    };
  }
  if (values.transport === 'log') {
    return {
      transport: 'log',
      ...(values.fromAddress.trim() === '' ? {} : { fromAddress: values.fromAddress }),
      fromName: values.fromName,
    };
  }
  return { transport: 'none' };
}

export function isValidPort(port: number | string): boolean {
  const value = Number(port);
  return port !== '' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
