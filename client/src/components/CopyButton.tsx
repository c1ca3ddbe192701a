import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const COPIED_MS = 1500;

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), COPIED_MS);
    } catch {
      // No clipboard access (insecure origin, denied permission): let the user copy by hand.
      window.prompt(t('common.copyPrompt'), text);
    }
  };

  return (
    <button type="button" className="button button--small" onClick={() => void copy()}>
      {copied ? t('common.copied') : (label ?? t('common.copy'))}
    </button>
  );
}
