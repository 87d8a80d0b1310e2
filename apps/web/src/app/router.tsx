import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { adminMenuEntries } from '../admin/admin-menu.ts';
import { HomeRedirect } from '../features/auth/home-redirect.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { loadPageTexts } from './i18n/index.ts';
import { RequireRole } from './shell/require-role.tsx';
import { RouteError } from './shell/route-error.tsx';
import { PageLoader } from './ui/page-loader.tsx';

// The first page is sign-in (or a redirect to it): the consoles' frames and pages are loaded once a user
// has signed in, so that the first visit downloads only what sign-in needs. Each of these pages loads the
// other pages' English texts beside its code (the consoles' pages inside their frame, which loaded them).
const page = <T extends { default: ComponentType }>(load: () => Promise<T>) =>
  lazy(async () => (await Promise.all([load(), loadPageTexts()]))[0]);
const named = <T extends Record<string, ComponentType>>(load: () => Promise<T>, name: keyof T) =>
  page(async () => ({ default: (await load())[name] as ComponentType }));

const SetupPage = page(() => import('../features/setup/setup-page.tsx'));
const InvitationPage = page(() => import('../features/invitation/invitation-page.tsx'));
const SignUpPage = page(() => import('../features/sign-up/sign-up-page.tsx'));
const VerifyEmailPage = page(() => import('../features/sign-up/verify-email-page.tsx'));
const ForgotPasswordPage = page(() => import('../features/password-reset/forgot-password-page.tsx'));
const ResetPasswordPage = page(() => import('../features/password-reset/reset-password-page.tsx'));
const SubscriptionPage = page(() => import('../features/subscriptions/subscription-page.tsx'));
const TeamPage = page(() => import('../features/team/team-page.tsx'));
const TeamInvitationPage = page(() => import('../features/team/team-invitation-page.tsx'));
const PortalInvoicesPage = page(() => import('../features/invoices/portal-invoices-page.tsx'));
const AdminLayout = named(() => import('../admin/admin-layout.tsx'), 'AdminLayout');
const PortalLayout = named(() => import('../portal/portal-layout.tsx'), 'PortalLayout');
const PortalHome = named(() => import('../portal/portal-home.tsx'), 'PortalHome');

const firstAdminPage = adminMenuEntries[0]?.path ?? '';

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/sign-in', element: <SignInPage /> },
      {
        path: '/setup',
        element: (
          <Suspense fallback={<PageLoader />}>
            <SetupPage />
          </Suspense>
        ),
      },
      {
        path: '/sign-up',
        element: (
          <Suspense fallback={<PageLoader />}>
            <SignUpPage />
          </Suspense>
        ),
      },
      {
        path: '/verify-email',
        element: (
          <Suspense fallback={<PageLoader />}>
            <VerifyEmailPage />
          </Suspense>
        ),
      },
      {
        path: '/forgot-password',
        element: (
          <Suspense fallback={<PageLoader />}>
            <ForgotPasswordPage />
          </Suspense>
        ),
      },
      {
        path: '/reset-password',
        element: (
          <Suspense fallback={<PageLoader />}>
            <ResetPasswordPage />
          </Suspense>
        ),
      },
      {
        path: '/invitation',
        element: (
          <Suspense fallback={<PageLoader />}>
            <InvitationPage />
          </Suspense>
        ),
      },
      {
        path: '/team-invitation',
        element: (
          <Suspense fallback={<PageLoader />}>
            <TeamInvitationPage />
          </Suspense>
        ),
      },
      {
        path: '/admin',
        element: (
          <RequireRole allowed="admin">
            <Suspense fallback={<PageLoader />}>
              <AdminLayout />
            </Suspense>
          </RequireRole>
        ),
        children: [
          { index: true, element: <Navigate to={firstAdminPage} replace /> },
          ...adminMenuEntries.map((entry) => ({ path: entry.path, element: <entry.page /> })),
        ],
      },
      {
        path: '/portal',
        element: (
          <RequireRole allowed="customer">
            <Suspense fallback={<PageLoader />}>
              <PortalLayout />
            </Suspense>
          </RequireRole>
        ),
        // The portal layout suspends around its pages while a lazy one loads.
        children: [
          { index: true, element: <PortalHome /> },
          { path: 'subscription', element: <SubscriptionPage /> },
          { path: 'team', element: <TeamPage /> },
          { path: 'invoices', element: <PortalInvoicesPage /> },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
