import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { API_ROUTES } from './routes';

const API_FOLDER = path.join(process.cwd(), 'app', 'api');
/** The catch-all that answers 404 at every address no route serves: not a route of the API. */
const FALLBACK = '[[...path]]';

/** Every route.ts under app/api, as its OpenAPI path: `app/api/submissions/[id]/route.ts` -> `/api/submissions/{id}`. */
function routeFiles(folder = API_FOLDER): { file: string; path: string }[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === FALLBACK ? [] : routeFiles(full);
    if (entry.name !== 'route.ts') return [];
    const segments = path.relative(API_FOLDER, folder).split(path.sep).filter(Boolean);
    const apiPath = ['/api', ...segments.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}'))].join('/');
    return [{ file: full, path: apiPath }];
  });
}

describe('GET /api/openapi.json', () => {
  const document = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('is checked for real: the validator refuses a broken copy', async () => {
    const broken = structuredClone(document) as { info?: unknown };
    delete broken.info;
    expect((await validate(broken as Parameters<typeof validate>[0])).valid).toBe(false);
  });

  it('describes every route under app/api', () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(7);
    const documented = Object.keys(document.paths as Record<string, unknown>);
    for (const { path: apiPath } of files) expect(documented, apiPath).toContain(apiPath);
  });

  it('documents exactly the methods each route file serves itself', async () => {
    const unserved = await import('@/lib/api/unserved-methods');
    for (const { file, path: apiPath } of routeFiles()) {
      const module: Record<string, unknown> = await import(file);
      const served = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter(
        (method) => typeof module[method] === 'function' && module[method] !== unserved[method],
      );
      const registered = Object.values(API_ROUTES)
        .filter((route) => route.path === apiPath)
        .map((route) => route.method);
      expect(served.sort(), apiPath).toEqual([...registered].sort());
    }
  });

  it('lists every error code a route answers with under its status, in the envelope', () => {
    const paths = document.paths as Record<
      string,
      Record<string, { responses: Record<string, { description: string }> }>
    >;
    const create = paths['/api/submissions']?.post?.responses ?? {};
    expect(create['201']).toBeDefined();
    expect(create['409']?.description).toBe('`duplicate_external_task_id`, `idempotency_conflict`');
    expect(create['421']?.description).toBe('`misdirected_request`');
    expect(create['503']?.description).toContain('`upstream_rate_limited`');
  });
});
