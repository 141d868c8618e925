import { expect, test } from './support/fixtures';
import { openRawJson } from './support/tasks';

test('a creator composes a first-frame request, submits it, finds it in history and reuses it', async ({
  page,
  upstream,
}) => {
  await page.goto('/');
  await page.getByLabel('Prompt', { exact: true }).fill('A paper boat drifts down a rainy street');
  await page.getByRole('button', { name: 'Add image' }).click();
  await page.getByLabel('Image URL').fill('https://images.example.com/boat.png');
  await page.getByLabel('Frame role').selectOption('first_frame');
  await page.getByLabel('Duration').selectOption('3');

  // The request as a command to script with: to this app's API with one's own token; the key stays a placeholder.
  await page.getByText('Show the cURL commands').click();
  const toApp = page.getByRole('region', { name: 'cURL command (this app)' });
  await expect(toApp).toContainText(`${new URL(page.url()).origin}/api/submissions`);
  await expect(toApp).toContainText('Authorization: Bearer $OVS_TOKEN');
  await expect(toApp).toContainText('A paper boat drifts down a rainy street');
  const direct = page.getByRole('region', { name: 'cURL command (video service)' });
  await expect(direct).toContainText('Authorization: Bearer $KLING_API_KEY');
  await expect(direct).not.toContainText('sk-e2e-');

  await page.getByRole('button', { name: 'Submit' }).click();

  const result = page.getByRole('status').filter({ hasText: 'Task ID' });
  await expect(result).toBeVisible();
  const [call] = upstream.createCalls();
  expect(upstream.createCalls()).toHaveLength(1);
  const sent = call?.body as Record<string, unknown>;
  expect(sent).toMatchObject({
    model: 'kling-v1',
    prompt: 'A paper boat drifts down a rainy street',
    duration: '3',
    image_list: [{ image_url: 'https://images.example.com/boat.png', type: 'first_frame' }],
  });
  expect(sent.external_task_id).toEqual(expect.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/));
  expect(call?.headers.authorization).toBe('Bearer sk-e2e-4f1c9a7b2d8e6f3a0b5c');
  const taskId = (await result.locator('output').textContent()) ?? '';
  expect(taskId).toMatch(/^\d{18}$/);

  await page.getByRole('link', { name: 'History' }).click();
  const row = page.getByRole('row').filter({ hasText: taskId });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Submitted');
  await row.getByRole('link').click();

  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
  await expect(page.getByText(taskId).first()).toBeVisible();
  await openRawJson(page);
  await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText('"duration": "3"');

  await page.getByRole('link', { name: 'Reuse in composer' }).click();
  // The detail page also names a Prompt: wait for the composer before reading it.
  await expect(page.getByRole('button', { name: 'Submit', exact: true })).toBeVisible();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(
    'A paper boat drifts down a rainy street',
  );
  await expect(page.getByLabel('Image URL')).toHaveValue('https://images.example.com/boat.png');
  await expect(page.getByLabel('Frame role')).toHaveValue('first_frame');
  await expect(page.getByLabel('Duration')).toHaveValue('3');
  // A reused request gets a fresh external task ID: the old one is taken.
  await expect(page.getByLabel('External task ID')).toHaveValue('');
});
