import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import type { ComposerValues } from '@/lib/validations/composer-form';
import { composerSchema } from '@/lib/validations/composer-schema';
import type { SubmissionRequest } from '@/lib/validations/submission-request';

export const composerZodResolver: Resolver<ComposerValues, unknown, SubmissionRequest> =
  zodResolver(composerSchema);
