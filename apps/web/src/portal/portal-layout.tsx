import { AppShell } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { TopBar } from '../app/shell/top-bar.tsx';
import { PageLoader } from '../app/ui/page-loader.tsx';
import { PortalNavigation } from './portal-navigation.tsx';

export function PortalLayout() {
  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <TopBar />
      </AppShell.Header>
      <AppShell.Main>
        <PortalNavigation />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
