import type { FilterReason } from '@dais/shared';
import type { TFunction } from 'i18next';

/**
 * The one place filter reasons become words (moderators only: askers never see them).
 * The words are in the locales under `reasons`, one per FilterReason.
 */
export const reasonLabel = (t: TFunction, reason: FilterReason) => t(`reasons.${reason}`);
