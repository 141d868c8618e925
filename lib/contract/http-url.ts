import { z } from 'zod';
import { isPlainText, notPlainTextMessage } from './plain-text';
import { LIMITS } from './request-limits';
import { urlProblem } from './url-problem';

export function httpUrl(label: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`),
    })
    .superRefine((value, ctx) => {
      // One message per URL, without `abort`: an aborted issue would also stop the request's
      // cross-field rules, hiding them while a URL is still being typed.
      const unreadable = value !== '' && value.length <= LIMITS.urlMax && !isPlainText(value);
      const message = unreadable ? notPlainTextMessage(label) : urlProblem(label, value);
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}
