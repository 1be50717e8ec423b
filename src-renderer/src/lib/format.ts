// Numbers, durations and dates as the panels print them, in one place so that every panel says
// "3 min 05 s" the same way.

const DASH = '–';

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** "42 s", "3 min 05 s", "1 h 02 min"; a dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return DASH;
  }
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${twoDigits(whole % 60)} s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${twoDigits(minutes % 60)} min`;
}

/** A short wall-clock time: "0.84 s", "12.3 s", then as formatDuration. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return formatDuration(seconds);
}

/** Training speed: "12 steps/s", "2.4 steps/s", or "1 step every 8 s" when slower than one. */
export function formatRate(stepsPerSecond: number): string {
  if (!(stepsPerSecond > 0) || !Number.isFinite(stepsPerSecond)) return DASH;
  if (stepsPerSecond >= 10) return `${Math.round(stepsPerSecond)} steps/s`;
  if (stepsPerSecond >= 1) return `${stepsPerSecond.toFixed(1)} steps/s`;
  return `1 step every ${formatDuration(1 / stepsPerSecond)}`;
}

/** A fraction as a percentage: 0.0234 -> "2.3%". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A value to a fixed number of decimals, or a dash. */
export function formatDecimal(value: number | null | undefined, decimals = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(decimals);
}

/** Whole numbers with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A stored ISO time in the person's local time: "2026-11-23 14:05". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ` +
    `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`
  );
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
