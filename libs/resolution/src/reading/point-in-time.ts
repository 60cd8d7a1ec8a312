/** Calendar dates in the registry are Vietnamese dates (UTC+7, no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export const vietnamDateOf = (time: Date): string => new Date(time.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
