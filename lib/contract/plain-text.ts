/** Half of a UTF-16 surrogate pair without its other half: no valid Unicode text contains one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * False for text holding U+0000 or a lone surrogate: neither PostgreSQL nor a log line can carry
 * them, and no creator types them. Such input is refused (422), never stored or sent.
 */
export function isPlainText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export const notPlainTextMessage = (label: string) =>
  `${label} contains a character that cannot be stored (U+0000 or half of a surrogate pair). Remove it.`;
