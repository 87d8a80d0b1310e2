import { Anchor, Text } from '@mantine/core';
import type { AuditEntry } from '@vmsp/contracts';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { actionText, recordedField, sentenceParts } from './audit-sentence.ts';
import './texts.ts';

/** Where an object is shown, for the objects that have a page or an overlay of their own. */
function objectHref(entry: AuditEntry): string | null {
  if (entry.objectId === null || entry.objectName === null) return null;
  const id = encodeURIComponent(entry.objectId);
  if (entry.objectType === 'customer') return `/admin/billing?customer=${id}`;
  if (entry.objectType === 'invoice') return `/admin/invoices?invoice=${id}`;
  return null;
}

const PAYMENT_METHODS = new Set(['credit-card', 'invoice', 'project-key']);

/** What the sentence calls the object: its name, else what its id says (a version, a month), else "(deleted)". */
function objectLabel(entry: AuditEntry, t: TFunction): string {
  if (entry.objectName !== null) return entry.objectName;
  const id = entry.objectId ?? '';
  if (entry.objectType === 'payment-method' && PAYMENT_METHODS.has(id)) {
    return t(`customers.paymentMethod.${id as 'credit-card' | 'invoice' | 'project-key'}`);
  }
  const named = ['customer', 'invoice', 'admin', 'user', 'session', 'mail'].includes(entry.objectType);
  return named || id === '' ? t('auditLog.removedObject') : id;
}

/** The entry as a sentence in the reader's language: "ops@example.com locked Blue Harbor Ltd". */
export function EntrySentence({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const known = actionText(entry.action, i18n.language);
  const template = known?.sentence ?? t('auditLog.unknownAction');
  const actor = entry.actorEmail ?? (entry.actorId ? t('auditLog.removedUser') : t('auditLog.system'));
  const href = objectHref(entry);
  const label = objectLabel(entry, t);
  return (
    <Text span>
      {sentenceParts(template).map((part, i) => {
        const key = `${i}`;
        if (typeof part === 'string') return <Fragment key={key}>{part}</Fragment>;
        switch (part.placeholder) {
          case 'actor':
            return (
              <Text span fw={600} key={key}>
                {actor}
              </Text>
            );
          case 'object':
            return href ? (
              <Anchor component={Link} to={href} key={key}>
                {label}
              </Anchor>
            ) : (
              <Fragment key={key}>{label}</Fragment>
            );
          case 'action':
            return <Fragment key={key}>{entry.action}</Fragment>;
          default:
            return (
              <Fragment key={key}>
                {recordedField(entry, part.placeholder) ?? t('auditLog.removedObject')}
              </Fragment>
            );
        }
      })}
    </Text>
  );
}
