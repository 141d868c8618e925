import { CodeBox } from '@/components/ui/code-box';

export function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return <CodeBox label={label} text={JSON.stringify(value, null, 2)} />;
}
