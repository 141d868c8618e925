import { z } from 'zod';
import { isPlainText, notPlainTextMessage } from './plain-text';
import { LIMITS } from './request-limits';

/**
 * True for an absolute http: or https: URL with a host, written out as one (`http://` or `https://`
 * first: the URL parser would also mend `http:host` or `https:\\host`); nothing else is ever forwarded.
 */
export function isHttpUrl(value: string): boolean {
  // The prefix settles the scheme; the parser checks the rest and finds the host.
  if (/\s/.test(value) || !/^https?:\/\//i.test(value) || !URL.canParse(value)) return false;
  return new URL(value).hostname.length > 0;
}

export function httpUrl(label: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`),
    })
    .superRefine((value, ctx) => {
      // One message per URL, without `abort`: an aborted issue would also stop the request's
      // cross-field rules, hiding them while a URL is still being typed.
      const message =
        value === ''
          ? `${label} is required.`
          : value.length > LIMITS.urlMax
            ? `${label} is too long: at most ${LIMITS.urlMax.toLocaleString('en-US')} characters.`
            : !isPlainText(value)
              ? notPlainTextMessage(label)
              : isHttpUrl(value)
                ? null
                : `${label} must be a full web address starting with http:// or https://.`;
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}
