import { useState } from 'react';

const COPIED_MS = 1500;

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), COPIED_MS);
    } catch {
      // No clipboard access (insecure origin, denied permission): let the user copy by hand.
      window.prompt('Copy this link:', text);
    }
  };

  return (
    <button type="button" className="button button--small" onClick={() => void copy()}>
      {copied ? 'Copied ✓' : label}
    </button>
  );
}
