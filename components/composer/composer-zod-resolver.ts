import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import type { ComposerValues } from '@/lib/validations/composer-form';
import { composerSchema } from '@/lib/validations/composer-schema';
import type { SubmissionRequest } from '@/lib/validations/submission-request';

// Zod probes `new Function` to compile its parsers; the page's CSP forbids eval, so the probe only
// shows up as a CSP violation. The interpreted parsers are as fast for a request this size (bench).
z.config({ jitless: true });

export const composerZodResolver: Resolver<ComposerValues, unknown, SubmissionRequest> =
  zodResolver(composerSchema);
