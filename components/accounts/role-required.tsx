import { Notice } from '@/components/ui/notice';

/** What a signed-in person sees on a page their role does not open. */
export function RoleRequired({ needed, yours }: { needed: string; yours: string }) {
  return (
    <Notice tone="warning" role="status" title="Not available to your role">
      This page is for {needed}s; you are signed in as a {yours}. Ask an admin if you need it.
    </Notice>
  );
}
