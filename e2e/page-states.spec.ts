import { randomUUID } from 'node:crypto';
import { startDatabaseGate } from './support/database-gate';
import { expect, test } from './support/fixtures';
import { freshDatabase } from './support/postgres.mjs';
import { submitViaApi } from './support/tasks';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

test('an address with no page says so and offers the history and the composer', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the history' })).toHaveAttribute('href', '/submissions');
  await expect(page.getByRole('link', { name: 'Compose a request' })).toHaveAttribute('href', '/');
});

test.describe('pages while the database is slow or unreachable', () => {
  // A PostgreSQL server behind a gate the test holds shut; the embedded database cannot be held.
  test.skip(!TEST_DATABASE_URL, 'TEST_DATABASE_URL is unset: no PostgreSQL server to put a gate in front of');

  test('the history says it is loading while the database does not answer, then shows the list', async ({
    page,
    launchApp,
  }) => {
    const database = await freshDatabase(TEST_DATABASE_URL ?? '');
    // Its people are made while the database answers; then the app starts behind a gate held shut.
    const first = await launchApp({ env: { DATABASE_URL: database.url } });
    await first.stop('SIGKILL');
    const gate = await startDatabaseGate(database.url, 'hold');
    const app = await launchApp({ env: { DATABASE_URL: gate.url }, warmUp: false });
    try {
      await page.goto(`${app.url}/submissions`, { waitUntil: 'commit' });
      const loading = page.getByRole('status').filter({ hasText: 'Loading history' });
      await expect(loading).toBeVisible();

      gate.open();
      await expect(page.getByText('No submissions yet.')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
      await expect(loading).toHaveCount(0);
    } finally {
      // Before the gate closes under it; a normal stop would wait out the page's open connection.
      await app.stop('SIGKILL');
      await gate.close();
      await database.drop();
    }
  });

  test('a submission page that cannot reach the database says what to do, and Try again brings it back', async ({
    page,
    request,
    launchApp,
  }) => {
    const database = await freshDatabase(TEST_DATABASE_URL ?? '');
    // Stored while the database answered (demo mode: nothing is sent anywhere).
    const first = await launchApp({ env: { DATABASE_URL: database.url } });
    const stored = await submitViaApi(request, first, { prompt: `A lantern on a pier ${randomUUID()}` });
    await first.stop('SIGKILL');

    const gate = await startDatabaseGate(database.url, 'refuse');
    const app = await launchApp({ env: { DATABASE_URL: gate.url }, warmUp: false });
    try {
      await page.goto(`${app.url}/submissions/${stored.id}`);
      const failure = page.getByRole('alert').filter({ hasText: 'This submission could not be loaded' });
      await expect(failure).toBeVisible();
      await expect(failure).toContainText('Try again in a few seconds');
      await expect(page.getByRole('link', { name: 'Back to the history' })).toBeVisible();

      gate.open();
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByText(stored.id, { exact: true })).toBeVisible();
      await expect(page.getByText(stored.externalTaskId, { exact: true })).toBeVisible();
      await expect(failure).toHaveCount(0);
    } finally {
      await app.stop('SIGKILL');
      await gate.close();
      await database.drop();
    }
  });
});
