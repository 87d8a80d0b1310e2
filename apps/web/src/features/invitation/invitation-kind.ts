import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { AcceptInvitationRequest, InvitationInfo, SessionResponse } from '@vmsp/contracts';

/**
 * What differs between a customer contact's invitation and a team member's: where the link is
 * checked and accepted, and the texts. The page, the form and what happens on accepting are the same.
 */
export interface InvitationKind {
  useInfo(token: string): UseQueryResult<InvitationInfo>;
  useAccept(): UseMutationResult<SessionResponse, Error, AcceptInvitationRequest>;
  /** The i18n section with title, intro, email, submit, done and invalidText. */
  texts: 'invitation' | 'team.invitation';
}
