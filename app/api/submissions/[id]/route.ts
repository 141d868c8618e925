import { NextResponse } from 'next/server';
import { handleApiError } from '@/lib/api/handle-api-error';
import { otherMethods } from '@/lib/api/other-methods';
import { getSubmissionService } from '@/lib/server/app-services';

export const dynamic = 'force-dynamic';
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);

export async function GET(
  _request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  try {
    const { id } = await context.params;
    const service = await getSubmissionService();
    return NextResponse.json(await service.get(id));
  } catch (error) {
    return handleApiError(error);
  }
}
