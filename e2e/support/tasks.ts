import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { Submission } from '../../lib/contract/submission';
import type { FakeUpstream, RecordedRequest } from '../fake-upstream/fake-upstream.mjs';
import type { AppProcess } from './app-process';
import { expect } from './fixtures';

/** Submits through the API of `app`; expects 201 and returns the stored Submission. */
export async function submitViaApi(
  request: APIRequestContext,
  app: AppProcess,
  body: Record<string, unknown>,
): Promise<Submission> {
  const response = await request.post(`${app.url}/api/submissions`, { data: { model: 'kling-v1', ...body } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export async function getSubmission(
  request: APIRequestContext,
  app: AppProcess,
  id: string,
): Promise<Submission> {
  const response = await request.get(`${app.url}/api/submissions/${id}`);
  expect(response.status()).toBe(200);
  return response.json();
}

/** The detail page's status badge: `<output aria-label="Status">`. */
export const statusBadge = (page: Page) => page.getByRole('status', { name: 'Status', exact: true });

/** The finished video's player on the detail page. */
export const videoPlayer = (page: Page) => page.getByLabel('Generated video', { exact: true });

/** Status queries the fake upstream received for one ID (task ID or external task ID), oldest first. */
export function queriesOf(upstream: FakeUpstream, id: string): RecordedRequest[] {
  return upstream.queryCalls().filter((call) => call.path.endsWith(`/${encodeURIComponent(id)}`));
}

/** The path of the app's own page for one submission. */
export const detailUrl = (app: AppProcess, id: string) => `${app.url}/submissions/${id}`;

/** Starts the player muted (so the browser allows it without a click) and waits until it has decoded frames. */
export async function expectVideoPlays(video: Locator): Promise<void> {
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState))
    .toBeGreaterThanOrEqual(2);
}

/** Unfolds the detail page's "Request and response JSON" block, where the exact bodies are. */
export async function openRawJson(page: Page): Promise<void> {
  const summary = page.getByText('Request and response JSON', { exact: true });
  const details = page.locator('details', { has: summary });
  if (!(await details.evaluate((element: HTMLDetailsElement) => element.open))) await summary.click();
  await expect(page.getByRole('region', { name: 'Request JSON' })).toBeVisible();
}
