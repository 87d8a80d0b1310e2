import type { CustomerDetails } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { SelfServiceService } from '../self-service/self-service.service.ts';
import type { UserRow, UsersService } from '../users/users.service.ts';
import type { CustomerRecord } from './customer-record.ts';
import { writeCustomer } from './customer-record.ts';
import * as repo from './customers.repository.ts';

type OpeningConfig = Pick<Config, 'publicUrl' | 'invitationTtlDays'>;

/**
 * The steps both ways into the portal share, an admin's invitation and a visitor's sign-up:
 * what must hold first, the customer row with its main user, the mailed link, and the registration once
 * the link is taken.
 */
export class CustomerOpening {
  readonly #clock: Clock;
  readonly #config: OpeningConfig;
  readonly #users: UsersService;
  readonly #mail: MailService;
  readonly #selfService: SelfServiceService;

  constructor(deps: {
    clock: Clock;
    config: OpeningConfig;
    users: UsersService;
    mail: MailService;
    selfService: SelfServiceService;
  }) {
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#mail = deps.mail;
    this.#selfService = deps.selfService;
  }

  /** An invitation is refused before anything is written when no mail transport is configured. */
  async assertMailConfigured(tx: Tx): Promise<void> {
    if (!(await this.#mail.isConfigured(tx))) {
      throw new AppError(
        'MAIL_NOT_CONFIGURED',
        409,
        'Invitations cannot be sent: no mail server is configured. Set one up in Settings → Mail Server.',
      );
    }
  }

  assertEmailFree(tx: Tx, email: string, field: string): Promise<void> {
    return this.#users.assertEmailFree(tx, email, field);
  }

  isRegistrationOpen(tx: Tx): Promise<boolean> {
    return this.#selfService.isRegistrationOpen(tx);
  }

  /**
   * Inserts a customer (status invited) with its main user, who has not confirmed anything yet: an invited
   * contact chooses the password later, a self-registered one has chosen it and confirms the e-mail.
   */
  async insertWithMainUser(
    tx: Tx,
    input: {
      companyName: string;
      address: CustomerDetails['address'];
      vatId: string | null;
      contactName: string;
      email: string;
      serviceMode: CustomerRecord['serviceMode'];
      locale: 'en' | 'de';
      passwordHash: string | null;
    },
  ): Promise<{ customer: CustomerRecord; user: UserRow }> {
    const now = this.#clock.now();
    const inserted = await repo.insertCustomer(tx, {
      companyName: input.companyName,
      ...input.address,
      vatId: input.vatId,
      contactName: input.contactName,
      contactEmail: input.email,
      serviceMode: input.serviceMode,
      status: 'invited',
      createdAt: now,
      updatedAt: now,
    });
    const user = await this.#users.create(tx, {
      email: input.email,
      role: 'customer',
      status: 'invited',
      locale: input.locale,
      customerId: inserted.id,
      passwordHash: input.passwordHash,
    });
    return { customer: await writeCustomer(tx, inserted, { mainUserId: user.id }, now), user };
  }

  /** Mails the contact a new invitation link; an earlier one dies. */
  async mailInvitation(tx: Tx, c: CustomerRecord, userId: string, locale: 'en' | 'de'): Promise<void> {
    const { token, expiresAt } = await this.#issue(tx, 'customer-invite', userId);
    await this.#mail.enqueue(tx, {
      to: c.contactEmail,
      locale,
      template: 'customer-invite',
      params: {
        inviteUrl: `${this.#config.publicUrl}/invitation?token=${encodeURIComponent(token)}`,
        companyName: c.companyName,
        contactName: c.contactName,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  /** Mails a self-registered contact the link that confirms the e-mail address. */
  async mailVerification(
    tx: Tx,
    c: CustomerRecord,
    user: { id: string; email: string },
    locale: 'en' | 'de',
  ): Promise<void> {
    const { token, expiresAt } = await this.#issue(tx, 'email-verify', user.id);
    await this.#mail.enqueue(tx, {
      to: user.email,
      locale,
      template: 'email-verification',
      params: {
        verifyUrl: `${this.#config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`,
        companyName: c.companyName,
        contactName: c.contactName,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  /**
   * The last step of an invitation or a sign-up, once the main user is active: the customer is registered.
   * Both links lead here, so both register a customer the same way.
   */
  async register(tx: Tx, c: CustomerRecord, action: string) {
    const now = this.#clock.now();
    const registered = await writeCustomer(tx, c, { registeredAt: c.registeredAt ?? now }, now);
    return { action, before: { status: c.status }, after: { status: registered.status } };
  }

  #issue(tx: Tx, purpose: 'customer-invite' | 'email-verify', userId: string) {
    return this.#users.issueToken(tx, purpose, userId, this.#config.invitationTtlDays * 86_400_000);
  }
}
