// The words of the honour and warning boards, shared by the server and the web app.

/** 红榜 (honour), 黑榜 (warning), 黄榜 (caution). */
export const BOARDS = ['red', 'black', 'yellow'] as const;
export type Board = (typeof BOARDS)[number];
export const BOARD_NAMES: Record<Board, string> = { red: '红榜', black: '黑榜', yellow: '黄榜' };
/** A household on these is not eligible for 评优评先 while its entry is up. */
export const INELIGIBLE_BOARDS: readonly Board[] = ['black', 'yellow'];

/** Stored states; `expired` is computed from the time (a published entry past its end). */
export const ENTRY_STATUSES = ['proposed', 'notified', 'published', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
/** What an entry shows: the stored state, with `objection` (notified, an objection awaits its answer) and `expired`. */
export const ENTRY_STAGES = ['proposed', 'notified', 'objection', 'published', 'expired', 'withdrawn'] as const;
export type EntryStage = (typeof ENTRY_STAGES)[number];

export const NOTICE_METHODS = ['in_person', 'posted', 'phone', 'letter'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
