import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MailSettings,
  type NotificationSettings,
  NotificationSettingsView,
  type SaveMailSettingsRequest,
  type SendTestMailRequest,
  SendTestMailResponse,
} from '@vmsp/contracts';
import { api } from '../../app/api.ts';
import { mailLogQueryKey } from '../mail-log/mail-log-api.ts';

const mailSettingsQueryKey = ['mail-settings'] as const;

export function useMailSettings() {
  return useQuery({
    queryKey: mailSettingsQueryKey,
    queryFn: () => api.get('/api/settings/mail', MailSettings),
  });
}

export function useSaveMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveMailSettingsRequest) => api.put('/api/settings/mail', body, MailSettings),
    onSuccess: (settings) => queryClient.setQueryData(mailSettingsQueryKey, settings),
  });
}

export function useSendTestMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendTestMailRequest) =>
      api.post('/api/settings/mail/test', body, SendTestMailResponse),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailLogQueryKey }),
  });
}

const notificationsQueryKey = ['notification-settings'] as const;

/** Where the provider's notifications go (a purged customer, a project key's term ending). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationsQueryKey,
    queryFn: () => api.get('/api/settings/notifications', NotificationSettingsView),
  });
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) =>
      api.put('/api/settings/notifications', body, NotificationSettingsView),
    onSuccess: (saved) => queryClient.setQueryData(notificationsQueryKey, saved),
  });
}
