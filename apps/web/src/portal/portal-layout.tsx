import { AppShell } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { MAIN_CONTENT_ID } from '../app/shell/skip-link.tsx';
import { TopBar } from '../app/shell/top-bar.tsx';
import { PageLoader } from '../app/ui/page-loader.tsx';
import { PortalNavigation } from './portal-navigation.tsx';

export function PortalLayout() {
  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <TopBar />
      </AppShell.Header>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <PortalNavigation />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
