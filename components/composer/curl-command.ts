/** Where a copied command sends the request: this app's own API, or the video service directly. */
export type CurlTarget = { kind: 'app'; origin: string } | { kind: 'upstream' };

/**
 * The request as a shell command. Secrets stay placeholders the user fills in their own shell: an
 * API token of theirs for this app (`$OVS_TOKEN`, made under API tokens), or the service's key.
 * Through the app the request is checked, kept in history and counted against the spend limits.
 */
export function toCurl(body: Record<string, unknown>, target: CurlTarget): string {
  const json = JSON.stringify(body, null, 2).replaceAll("'", "'\\''");
  const [url, key] =
    target.kind === 'app'
      ? [`${target.origin}/api/submissions`, '$OVS_TOKEN']
      : ['$KLING_API_BASE_URL/kling/v1/videos/omni-video', '$KLING_API_KEY'];
  return [
    `curl -X POST "${url}" \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ].join('\n');
}
