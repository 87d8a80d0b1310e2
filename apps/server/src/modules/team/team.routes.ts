import {
  AcceptInvitationRequest,
  HandOverMainUserRequest,
  Id,
  InvitationInfo,
  InviteMemberRequest,
  Ok,
  SessionResponse,
  SetMemberEnabledRequest,
  TeamMember,
  TeamResponse,
} from '@vmsp/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerUserOf } from '../../http/auth.ts';
import type { TeamCaller, TeamService } from './team.service.ts';
import type { TeamInvitationsService } from './team-invitations.service.ts';

const byUserId = z.object({ userId: Id });

/** The signed-in customer user; admins have no team in the portal. */
function callerOf(request: FastifyRequest): TeamCaller {
  const { id, email, customerId } = customerUserOf(request);
  return { id, email, ip: request.ip, customerId };
}

export const teamRoutes: FastifyPluginAsyncZod<{
  team: TeamService;
  invitations: TeamInvitationsService;
}> = async (app, { team, invitations }) => {
  app.get(
    '/api/portal/team',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['team'],
        summary: 'The Team page: every user of the company',
        response: { 200: TeamResponse },
      },
    },
    async (request) => team.team(callerOf(request)),
  );

  app.post(
    '/api/portal/team/invitations',
    {
      config: { access: 'main-user' },
      schema: {
        tags: ['team'],
        summary: '+ New Invite → Send Invite (main user only)',
        body: InviteMemberRequest,
        response: { 201: TeamMember },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invitations.invite(callerOf(request), request.body)),
  );

  app.post(
    '/api/portal/team/invitations/:userId/resend',
    {
      config: { access: 'main-user' },
      schema: {
        tags: ['team'],
        summary: 'Resend an invitation: a new link, the old one dies (main user only)',
        params: byUserId,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await invitations.resendInvitation(callerOf(request), request.params.userId);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/portal/team/invitations/:userId',
    {
      config: { access: 'main-user' },
      schema: { tags: ['team'], summary: 'Withdraw an invitation (main user only)', params: byUserId },
    },
    async (request, reply) => {
      await invitations.withdrawInvitation(callerOf(request), request.params.userId);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/portal/team/members/:userId/enabled',
    {
      config: { access: 'main-user' },
      schema: {
        tags: ['team'],
        summary: 'Enable or disable a member; disabling ends their sessions at once (main user only)',
        params: byUserId,
        body: SetMemberEnabledRequest,
        response: { 200: TeamMember },
      },
    },
    async (request) => team.setEnabled(callerOf(request), request.params.userId, request.body.enabled),
  );

  app.delete(
    '/api/portal/team/members/:userId',
    {
      config: { access: 'main-user' },
      schema: { tags: ['team'], summary: 'Remove a member (main user only)', params: byUserId },
    },
    async (request, reply) => {
      await team.remove(callerOf(request), request.params.userId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/portal/team/main-user',
    {
      config: { access: 'main-user' },
      schema: {
        tags: ['team'],
        summary: 'Hand the main user role to an active member (main user only)',
        body: HandOverMainUserRequest,
        response: { 200: TeamResponse },
      },
    },
    async (request) => team.handOver(callerOf(request), request.body.userId),
  );

  app.get(
    '/api/team-invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['team'],
        summary: 'What a team invitation link is for',
        params: z.object({ token: z.string().min(1) }),
        response: { 200: InvitationInfo },
      },
    },
    async (request) => invitations.invitationInfo(request.params.token),
  );

  app.post(
    '/api/team-invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['team'],
        summary: 'Join a team through an invitation link: choose a password, get signed in',
        body: AcceptInvitationRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await invitations.acceptInvitation(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );
};
