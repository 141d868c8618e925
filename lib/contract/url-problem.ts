// No zod here: the composer's previews check addresses with this module before validation has loaded.
import { LIMITS } from './request-limits';

const HTTP_PREFIX = /^https?:\/\//i;

/**
 * True for an absolute http: or https: URL with a host, written out as one (`http://` or `https://`
 * first: the URL parser would also mend `http:host` or `https:\\host`); nothing else is ever forwarded.
 */
export function isHttpUrl(value: string): boolean {
  // The prefix settles the scheme; the parser checks the rest and finds the host.
  if (/\s/.test(value) || !HTTP_PREFIX.test(value) || !URL.canParse(value)) return false;
  return new URL(value).hostname.length > 0;
}

/**
 * What is wrong with a URL typed into `label`, named as the creator would fix it (a space, the
 * scheme, a missing host), or null when it is an absolute http(s) URL within the length limit.
 */
export function urlProblem(label: string, value: string): string | null {
  if (value === '') return `${label} is required.`;
  if (value.length > LIMITS.urlMax) {
    return `${label} is too long: at most ${LIMITS.urlMax.toLocaleString('en-US')} characters.`;
  }
  if (/\s/.test(value)) {
    return value.trim() !== '' && isHttpUrl(value.trim())
      ? `${label} has a space at the start or end: remove it.`
      : `${label} contains a space: remove it, or write it as %20.`;
  }
  if (!HTTP_PREFIX.test(value)) {
    return `${label} must be a full web address starting with http:// or https://.`;
  }
  const afterScheme = value.replace(HTTP_PREFIX, '');
  if (afterScheme === '' || /^[/?#]/.test(afterScheme)) {
    return `${label} has no host name after ${value.slice(0, value.length - afterScheme.length)}: write it like https://example.com/file.png.`;
  }
  if (!isHttpUrl(value)) {
    return `${label} is not a valid web address: check the host name (letters, digits, dots and dashes).`;
  }
  return null;
}
