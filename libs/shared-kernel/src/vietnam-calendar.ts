/** Vietnam keeps UTC+7 all year: calendar dates and months in the registry are Vietnamese ones. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The `YYYY-MM-DD` date `time` falls on in Vietnam. */
export const vietnamDateOf = (time: Date): string => new Date(time.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
