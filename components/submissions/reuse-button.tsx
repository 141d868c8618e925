'use client';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

/** Opens the composer filled with this submission's request (with a fresh external task ID). */
export function ReuseButton({ submissionId }: { submissionId: string }) {
  const router = useRouter();
  return (
    <Button variant="primary" onClick={() => router.push(`/?from=${encodeURIComponent(submissionId)}`)}>
      Reuse in composer
    </Button>
  );
}
