/**
 * Pieces for `<Trans components={…}>`, e.g. `<code/>` in "Code <code/>". Each renders
 * its own `value` as plain text: untrusted words (titles, question text) are never
 * interpolated into a translation, so its markup parser never sees them.
 */
export const CodeSlot = ({ value }: { value: string }) => <strong className="code">{value}</strong>;

export const TextSlot = ({ value }: { value: string }) => <>{value}</>;

export const QuoteSlot = ({ value }: { value: string }) => <q>{value}</q>;
