import { expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Unsaved changes on a price table are not lost silently: leaving asks first, and Save waits for a valid change.
const journey = journeyPortal();

test('leaving an edited price table asks first: Stay keeps the edit, Leave without saving leaves', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  const menu = page.getByRole('navigation', { name: 'Menu panel' });
  await menu.getByRole('link', { name: 'Purchase Prices' }).click();
  await expect(page.getByRole('heading', { name: 'Purchase Prices', level: 2 })).toBeVisible();

  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeDisabled();
  await page.getByLabel('Article name of range 1').fill('Upstream IP');
  await page.getByLabel('Article number of range 1').fill('UP-1');
  // Still invalid (no price): nothing to save yet.
  await expect(save).toBeDisabled();
  await expect(page.getByText('Correct the marked fields to save the table.')).toBeVisible();
  await page.getByLabel('Purchase price per IP and month of range 1').fill('0,80');
  await expect(save).toBeEnabled();

  await menu.getByRole('link', { name: 'Mail Log' }).click();
  const prompt = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(page).toHaveURL(/\/admin\/settings\/purchase-prices$/);
  await expect(page.getByLabel('Article name of range 1')).toHaveValue('Upstream IP');

  // Closing the tab gets the browser's own question; dismissing it keeps the page and the edit.
  const question = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await question;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  await expect(page.getByLabel('Article name of range 1')).toHaveValue('Upstream IP');

  await menu.getByRole('link', { name: 'Mail Log' }).click();
  await prompt.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { name: 'Mail Log', level: 2 })).toBeVisible();

  // Coming back shows the saved state (none): the edit was dropped, and nothing asks on the way out.
  await menu.getByRole('link', { name: 'Purchase Prices' }).click();
  await expect(page.getByLabel('Article name of range 1')).toHaveValue('');
  await menu.getByRole('link', { name: 'Mail Log' }).click();
  await expect(page.getByRole('heading', { name: 'Mail Log', level: 2 })).toBeVisible();
});

test('a settings form asks before leaving, and not once its changes are saved', async ({ page }) => {
  await signInAs(page, journey.portal);
  const menu = page.getByRole('navigation', { name: 'Menu panel' });
  await menu.getByRole('link', { name: 'Self-Service' }).click();
  const save = page.getByRole('button', { name: 'Save', exact: true }).first();
  await expect(save).toBeDisabled();
  await page.getByLabel('Enable users to register themselves.').check();
  await menu.getByRole('link', { name: 'Mail Log' }).click();
  const prompt = page.getByRole('dialog', { name: 'Leave without saving?' });
  await prompt.getByRole('button', { name: 'Stay and keep editing' }).click();
  await save.click();
  await expect(save).toBeDisabled();
  await menu.getByRole('link', { name: 'Mail Log' }).click();
  await expect(page.getByRole('heading', { name: 'Mail Log', level: 2 })).toBeVisible();
  await expect(prompt).toHaveCount(0);
});
