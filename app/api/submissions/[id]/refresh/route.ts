import { NextResponse } from 'next/server';
import { handleApiError } from '@/lib/api/handle-api-error';
import { otherMethods } from '@/lib/api/other-methods';
import { assertSameOrigin } from '@/lib/api/same-origin';
import { getEnv } from '@/lib/config/env';
import { getSubmissionService } from '@/lib/server/app-services';

export const dynamic = 'force-dynamic';
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);

/** Asks the upstream where the task stands now, records it, and returns the submission. */
export async function POST(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  try {
    assertSameOrigin(request, getEnv().publicUrl);
    const { id } = await context.params;
    const service = await getSubmissionService();
    return NextResponse.json(await service.refresh(id));
  } catch (error) {
    return handleApiError(error);
  }
}
