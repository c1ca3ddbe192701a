import type { ErrorCode, FilterReason, QuestionStatus } from '@dais/shared';
import type { ConnectionState } from '../../store/types';

/**
 * Every string of the interface, in English. The source of the keys: `zh` must have
 * the same ones (its type is derived from this object). `{{name}}` is interpolated;
 * `<tag/>` and `<tag>…</tag>` are components filled in by `<Trans>`; keys ending in
 * `_one`/`_other` are plural forms, picked with `count`.
 */
export const en = {
  common: {
    appName: 'Dais',
    cancel: 'Cancel',
    save: 'Save',
    copy: 'Copy',
    copied: 'Copied ✓',
    copyPrompt: 'Copy this link:',
    dismiss: 'Dismiss',
    homeLink: 'Go to the home page',
    anonymous: 'Anonymous',
    askedBy: 'asked by {{count}}',
    redacted: 'Removed to protect privacy',
  },
  language: {
    label: 'Language',
  },
  connection: {
    connecting: 'Connecting…',
    online: 'Live',
    offline: 'Reconnecting…',
  } satisfies Record<ConnectionState, string>,
  /** `held` reads like `pending`: askers never learn that the filter had doubts. */
  status: {
    pending: 'Waiting for review',
    held: 'Waiting for review',
    approved: 'Approved',
    live: 'On stage now',
    answered: 'Answered',
    rejected: 'Not accepted',
    merged: 'Already asked',
  } satisfies Record<QuestionStatus, string>,
  /** Filter reasons as moderators read them (askers never see these labels). */
  reasons: {
    profanity: 'profanity',
    'blocked-term': 'blocked term',
    'personal-data': 'personal data',
    safeguarding: 'safeguarding',
    link: 'link',
    spam: 'spam',
    'too-long': 'too long',
    empty: 'empty',
    'emoji-only': 'emoji only',
  } satisfies Record<FilterReason, string>,
  errors: {
    /**
     * What a failed ack means, by its `error` code. A code missing here (say, one added
     * to the protocol since) shows the server's own English message instead.
     */
    codes: {
      PROTOCOL_MISMATCH: 'This page is out of date. Reload it to continue.',
      INVALID_PAYLOAD: 'The server could not accept this request.',
      UNKNOWN_EVENT: 'The server did not understand this request. Reload the page.',
      EVENT_NOT_FOUND: 'This event does not exist.',
      BAD_KEY: 'The secret key of this link is wrong.',
      BAD_TOKEN: 'Your session has expired. Reload the page.',
      NOT_JOINED: 'Not connected to the event yet. Try again in a moment.',
      FORBIDDEN: 'You are not allowed to do this.',
      QUESTION_NOT_FOUND: 'This question no longer exists.',
      CONFLICT: 'Someone else changed this question first; it now shows where it is.',
      QUESTIONS_CLOSED: 'This event is not taking questions right now.',
      SLOW_MODE: 'You are asking a little fast. Please wait a moment and try again.',
      NOTHING_TO_UNDO: 'There is nothing of yours to undo.',
      REJECTED: 'This was not accepted.',
      UNAVAILABLE:
        'Could not reach the server, so nothing was changed. Check your connection and try again.',
      INTERNAL: 'Something went wrong on the server. Please try again.',
    } satisfies Partial<Record<ErrorCode, string>>,
    /** Between the reasons of one rejection. */
    separator: '; ',
    /** A submitted question the filter turned away; `reasons` is a list of the phrases below. */
    rejected: 'Your question was not accepted: {{reasons}}.',
    rejectedBecause: {
      profanity: 'it contains profanity',
      'blocked-term': 'it contains a term this event does not allow',
      'personal-data': 'it contains personal data',
      safeguarding: 'it needs a moderator',
      link: 'links are not allowed',
      spam: 'it looks like spam or was already asked',
      'too-long': 'it is too long',
      empty: 'it is empty',
      'emoji-only': 'it has no words',
    } satisfies Record<FilterReason, string>,
    /** A moderator's edited text for approval. */
    editStillHas: 'The edited text still contains {{reasons}}: remove it before approving.',
    editEmpty: 'The edited text is empty.',
  },
  notFound: {
    title: 'Page not found',
  },
  eventRoute: {
    joining: 'Joining event {{code}}',
  },
  eventError: {
    notFoundTitle: 'Event not found',
    notFoundText: 'There is no event with the code <code/>. Check the code and try again.',
    badKeyTitle: 'This link does not work',
    badKeyText:
      'Its secret key is wrong or missing. Open the full moderator or stage link you received when the event was created.',
    outdatedTitle: 'Dais has been updated',
    outdatedText: 'Reload the page to continue.',
    reload: 'Reload',
    otherTitle: 'Could not join the event',
  },
  header: {
    code: 'Code <code/>',
  },
  home: {
    pageTitle: 'Dais · Live Q&A',
    tagline: 'Live questions from the audience, reviewed by moderators, answered on stage.',
    create: {
      heading: 'Create an event',
      titleLabel: 'Title',
      titlePlaceholder: 'e.g. Town hall with the CEO',
      titleMissing: 'Give your event a title.',
      submit: 'Create event',
      submitting: 'Creating…',
    },
    created: {
      heading: '“<name/>” is ready <code/>',
      audience: 'Audience',
      audienceHint: 'Share it with everyone: on screen, in chat, on slides.',
      secret:
        '<strong>Keep the next two links secret.</strong> Anyone who has them can moderate the questions or drive the stage. Save them now: they cannot be shown again.',
      moderator: 'Moderator',
      moderatorHint: 'For the people who review questions.',
      stage: 'Stage',
      stageHint: 'Open it on the screen of the hall.',
    },
    join: {
      heading: 'Join an event',
      codeLabel: 'Event code',
      badCode: 'Event codes have 8 letters and digits, like ACDE-FG34.',
      submit: 'Join',
    },
  },
  audience: {
    myQuestions: 'My questions',
    questions: 'Questions',
    noQuestions: 'No questions yet. Be the first to ask!',
    answered: 'Answered',
    moderatorNote: 'Moderator’s note: {{reason}}',
    nowAnswering: 'Now answering',
    joinedUnknown: 'Joined a question already asked by other people.',
    joined_one: 'Joined a question already asked by {{count}} person:',
    joined_other: 'Joined a question already asked by {{count}} people:',
  },
  ask: {
    label: 'Ask a question',
    placeholder: 'Type your question…',
    name: 'Your name (optional)',
    counter: 'Characters used',
    personalData:
      'This looks like it includes personal details (a phone number, address, school or ID). To keep everyone safe, moderators remove them before anything is shown.',
    send: 'Send',
    sending: 'Sending…',
    empty: 'Type your question first.',
    tooLong_one: 'Please keep it to {{count}} character or fewer.',
    tooLong_other: 'Please keep it to {{count}} characters or fewer.',
    sent: 'Thanks! Your question was sent to the moderators.',
    joined: 'Thanks! Someone already asked this, so your question joined theirs.',
  },
  moderator: {
    pageTitle: 'Moderate · {{title}}',
    audienceLink: 'Audience link',
    incoming: 'Incoming',
    incomingEmpty: 'Nothing to review.',
    safeguarding: 'Safeguarding',
    safeguardingEmpty: 'No safeguarding concerns.',
    safeguardingNote:
      'Possible risk to someone’s safety. Follow your safeguarding procedure; such a question can only be approved with an edited text.',
    held: 'Held',
    heldEmpty: 'Nothing held by the filter.',
    approved: 'Approved',
    approvedEmpty: 'No approved questions.',
    shown: 'On stage / Answered',
    shownEmpty: 'Nothing shown yet.',
    rejected: 'Rejected',
    rejectedEmpty: 'No rejected questions.',
  },
  card: {
    publicVersion: 'Public version',
    reason: 'Reason: {{reason}}',
    heldFor: 'Held by the filter for',
  },
  actions: {
    approve: 'Approve',
    show: 'Show on stage',
    answer: 'Mark answered',
    editApprove: 'Edit & approve',
    merge: 'Merge into…',
    mergeTitle: 'Merge it into a question that asks the same',
    rejectReason: 'Reason (optional)',
    rejectReasonTitle: 'Only the asker sees the reason',
    rejectReasonLabel: 'Reason for rejecting',
    reject: 'Reject',
  },
  editor: {
    label: 'Public text',
    submit: 'Approve this text',
  },
  merge: {
    banner: 'Merging <question/>: choose the question that asks the same.',
    here: 'Merge here',
  },
  cluster: {
    toggle_one: '{{count}} merged question',
    toggle_other: '{{count}} merged questions',
    split: 'Split',
    splitTitle: 'Take it out of this cluster: it becomes a question of its own',
  },
  settings: {
    toggle: 'Settings',
    length: {
      label: 'Max question length',
      invalid: 'Choose a length between {{min}} and {{max}}.',
      saved_one: 'Questions may now be up to {{count}} character.',
      saved_other: 'Questions may now be up to {{count}} characters.',
    },
    blocked: {
      label: 'Blocked terms',
      hint: 'One per line, in any language. Spaced-out and look-alike spellings are caught too.',
      save: 'Save terms',
      saved_one: '{{count}} blocked term saved.',
      saved_other: '{{count}} blocked terms saved.',
      none: 'No terms are blocked now.',
    },
    policy: {
      legend: 'When the filter finds',
      hold: 'Hold for review',
      reject: 'Reject',
      savedHold: 'Questions with {{reason}} are now held for review.',
      savedReject: 'Questions with {{reason}} are now rejected.',
      hint: 'Safeguarding concerns are always held for a moderator; empty, emoji-only and too-long questions are always rejected.',
    },
  },
  stage: {
    pageTitle: 'Stage · {{title}}',
    askAt: 'Ask at {{url}}',
    empty: 'No question on stage',
    answered: 'Answered',
    next: 'Next',
    upNext: 'Up next',
    queueEmpty: 'No approved questions yet.',
    show: 'Show',
  },
};
