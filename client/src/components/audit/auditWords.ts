import {
  FILTER_REASONS,
  QUESTION_STATUSES,
  type AuditEntry,
  type FilterReason,
  type QuestionStatus,
} from '@dais/shared';
import type { TFunction } from 'i18next';
import { reasonLabel } from '../../lib/reasons';

/** Log entry types (server Lua scripts) and the `audit.what` words for them. */
const WHAT = {
  'event.created': 'created',
  'event.configured': 'configured',
  'question.submitted': 'submitted',
  'question.approve': 'approve',
  'question.reject': 'reject',
  'question.show': 'show',
  'question.answer': 'answer',
  'question.returned': 'returned',
  'question.merged': 'merged',
  'question.split': 'split',
  'question.edit': 'edit',
  'question.vote': 'vote',
  'question.unvote': 'unvote',
  'queue.move': 'queueMove',
  'queue.remove': 'queueRemove',
} as const;

/** Entries whose actor is a participant (named only by the name they gave, if any). */
const BY_PARTICIPANT = new Set(['question.submitted', 'question.vote', 'question.unvote']);

/** Who did it, in this client's language when the log has no name for them. */
export function auditActor(t: TFunction, { type, actor }: AuditEntry): string {
  if (actor.id === 'stage') return t('audit.stage');
  if (actor.id === 'retention') return t('audit.retention');
  if (actor.name) return actor.name;
  return BY_PARTICIPANT.has(type) ? t('audit.audience') : t('common.unnamedModerator');
}

export const isStatus = (value: string | undefined): value is QuestionStatus =>
  (QUESTION_STATUSES as readonly string[]).includes(value ?? '');

const isReason = (value: string): value is FilterReason =>
  (FILTER_REASONS as readonly string[]).includes(value);

/** What an entry of `type` did, in a few words (the type itself when this client does not know it). */
export function auditWhat(t: TFunction, type: string, details: AuditEntry['details'] = {}): string {
  const on = details.on === '1';
  switch (type) {
    case 'question.approve':
      return details.edited === '1' ? t('audit.what.approveEdited') : t('audit.what.approve');
    case 'question.pin':
      return on ? t('audit.what.pinOn') : t('audit.what.pinOff');
    case 'question.star':
      return on ? t('audit.what.starOn') : t('audit.what.starOff');
    case 'question.undo':
      return t('audit.what.undo', { action: auditWhat(t, details.action ?? '') });
    case 'event.purge':
      return t('audit.what.purge', { count: Number(details.count ?? 0) });
  }
  return type in WHAT ? t(`audit.what.${WHAT[type as keyof typeof WHAT]}`) : type;
}

/** A JSON list of terms as the log stores it, written out. */
function terms(t: TFunction, json: string) {
  const list = parseJson(json);
  return Array.isArray(list) && list.length > 0 ? list.join(', ') : t('audit.config.none');
}

/** The full reason policy as the log stores it: "link: Reject, spam: Hold for review". */
function rules(t: TFunction, json: string) {
  const policy = parseJson(json);
  if (!policy || typeof policy !== 'object') return json;
  return Object.entries(policy as Record<string, string>)
    .map(([reason, verdict]) => {
      const words = verdict === 'reject' ? t('settings.policy.reject') : t('settings.policy.hold');
      return `${isReason(reason) ? reasonLabel(t, reason) : reason}: ${words}`;
    })
    .join(', ');
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** What an `event.configured` entry changed, one phrase per setting. */
export function configChanges(t: TFunction, details: AuditEntry['details']): string[] {
  const phrases: string[] = [];
  for (const [field, value] of Object.entries(details)) {
    switch (field) {
      case 'open':
        phrases.push(value === '1' ? t('audit.config.openOn') : t('audit.config.openOff'));
        break;
      case 'preModeration':
        phrases.push(
          value === '1' ? t('audit.config.preModerationOn') : t('audit.config.preModerationOff'),
        );
        break;
      case 'slowModeSeconds':
        phrases.push(
          value === '0'
            ? t('audit.config.slowModeOff')
            : t('audit.config.slowMode', { seconds: value }),
        );
        break;
      case 'retentionDays':
        phrases.push(t('audit.config.retentionDays', { days: value }));
        break;
      case 'maxQuestionLength':
        phrases.push(t('audit.config.maxQuestionLength', { length: value }));
        break;
      case 'blockedTerms':
        phrases.push(t('audit.config.blockedTerms', { terms: terms(t, value) }));
        break;
      case 'allowedTerms':
        phrases.push(t('audit.config.allowedTerms', { terms: terms(t, value) }));
        break;
      case 'policy':
        phrases.push(t('audit.config.policy', { rules: rules(t, value) }));
        break;
      case 'endedAt':
        phrases.push(t('audit.config.ended'));
        break;
    }
  }
  return phrases;
}
