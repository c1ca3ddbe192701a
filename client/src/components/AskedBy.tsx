/** "asked by N" for a cluster many participants asked; nothing for a single asker. */
export function AskedBy({ count, className = '' }: { count: number; className?: string }) {
  if (count < 2) return null;
  return <span className={`asked-by ${className}`}>asked by {count}</span>;
}
