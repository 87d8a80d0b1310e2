import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n/index.ts';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// The toasts' container (transitions, drag to dismiss) is not needed to draw the first page; toasts shown
// before it has loaded wait in the notifications store and appear when it has.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

// Light or dark as the user chose in the user menu, else as the system is set ('auto'); public/color-scheme.js
// reads the same key before the first paint.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'vmsp-color-scheme' });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      {/* Bottom: toasts at the top would cover the user menu. */}
      <Suspense fallback={null}>
        <Notifications position="bottom-right" />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        {/* While the German texts load (the first page in German), nothing is drawn rather than English. */}
        <Suspense fallback={null}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
