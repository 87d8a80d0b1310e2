import { useQuery } from '@tanstack/react-query';
import { OnboardingResponse } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

/**
 * The first-steps checklist. Read afresh each time the Dashboard opens: the steps are done on other pages, and
 * the admin comes back to see them ticked.
 */
export function useOnboarding() {
  return useQuery({
    queryKey: ['onboarding'],
    queryFn: () => api.get('/api/onboarding', OnboardingResponse),
    refetchOnMount: 'always',
  });
}
