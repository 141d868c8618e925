import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { composerSchema } from '@/lib/contract/composer-schema';
import type { SubmissionRequest } from '@/lib/contract/submission-request';

export const composerZodResolver: Resolver<ComposerValues, unknown, SubmissionRequest> =
  zodResolver(composerSchema);
