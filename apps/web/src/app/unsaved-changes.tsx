import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { type BlockerFunction, useBlocker } from 'react-router';
import './unsaved-changes-texts.ts';

/*
 * The forms on screen register here whether they hold unsaved changes. A router supports one blocker at a
 * time, and a page may show several forms (Self-Service: registration and price table), so one of the mounted
 * forms, the first, renders the single prompt for all of them.
 */
const mounted: string[] = [];
const dirtyForms = new Set<string>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const hasUnsavedChanges = (): boolean => dirtyForms.size > 0;

/**
 * Asks before the user leaves a form with unsaved changes: in-app navigation to another page waits for a
 * confirmation, and closing or reloading the tab gets the browser's own question. Render what it returns
 * inside the form's component (the prompt, or nothing).
 */
export function useUnsavedChanges(dirty: boolean): ReactNode {
  const id = useId();
  useEffect(() => {
    mounted.push(id);
    notify();
    return () => {
      mounted.splice(mounted.indexOf(id), 1);
      dirtyForms.delete(id);
      notify();
    };
  }, [id]);
  useEffect(() => {
    if (dirty) dirtyForms.add(id);
    else dirtyForms.delete(id);
    notify();
  }, [id, dirty]);
  const promptsForAll = useSyncExternalStore(subscribe, () => mounted[0] === id);
  return promptsForAll ? <LeavePrompt /> : null;
}

// Changing only the query (a filter, a page of a list) stays on the form and loses nothing.
const leavesPage: BlockerFunction = ({ currentLocation, nextLocation }) =>
  hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname;

function LeavePrompt() {
  const { t } = useTranslation();
  const dirty = useSyncExternalStore(subscribe, hasUnsavedChanges);
  const blocker = useBlocker(leavesPage);
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const stay = () => blocker.reset?.();
  return (
    <Modal opened={blocker.state === 'blocked'} onClose={stay} title={t('unsavedChanges.title')} centered>
      <Stack>
        <Text size="sm">{t('unsavedChanges.body')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={stay} data-autofocus>
            {t('unsavedChanges.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('unsavedChanges.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
