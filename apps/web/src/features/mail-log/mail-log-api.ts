import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MailLogEntry, MailLogPage, MailMessage, type MailStatus } from '@vmsp/contracts';
import { api, query } from '../../app/api.ts';

export const mailLogQueryKey = ['mails'] as const;
export const MAIL_LOG_PAGE_SIZE = 50;
const REFRESH_WHILE_QUEUED_MS = 5000;

export function useMailLog(filter: { status: MailStatus | undefined; q: string; page: number }) {
  return useQuery({
    queryKey: [...mailLogQueryKey, filter],
    queryFn: () =>
      api.get(
        `/api/mails${query({ status: filter.status, q: filter.q || undefined, page: filter.page, pageSize: MAIL_LOG_PAGE_SIZE })}`,
        MailLogPage,
      ),
    placeholderData: keepPreviousData,
    // Queued mails change on their own as the worker sends them.
    refetchInterval: (q) =>
      q.state.data?.items.some((mail) => mail.status === 'queued') ? REFRESH_WHILE_QUEUED_MS : false,
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/mails/${encodeURIComponent(id)}/retry`, undefined, MailLogEntry),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailLogQueryKey }),
  });
}

export function useMailMessage(id: string) {
  return useQuery({
    queryKey: [...mailLogQueryKey, 'message', id],
    queryFn: () => api.get(`/api/mails/${encodeURIComponent(id)}`, MailMessage),
  });
}
