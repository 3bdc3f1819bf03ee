// Lync's own answer to "is this service still busy": Get-CsWindowsService's ActivityLevel, read in the shape
// Microsoft documents. Pure.

/**
 * What an ActivityLevel says: a count of what the service is still handling, or why it says nothing quiesce can
 * count on (then the service's counters decide).
 */
export type Activity = { count: number } | { unknown: string };

const WHOLE = /^\d{1,9}$/;

/**
 * The ActivityLevel text of one service (the observe script sends it as text, on one line) read in its documented
 * shape: "the number of concurrent calls being handled by the service (the service activity level)"
 * (learn.microsoft.com, Get-CsWindowsService, Description), a whole number. Empty is a service that reports no
 * activity level (or one asked with -ExcludeActivityLevel); any other text is not a documented shape. Neither is
 * ever taken as zero.
 */
export function parseActivityLevel(text: string): Activity {
  const level = text.trim();
  if (level === '') return { unknown: 'Get-CsWindowsService reports no ActivityLevel' };
  if (WHOLE.test(level)) return { count: Number(level) };
  return {
    unknown: `ActivityLevel ${JSON.stringify(level.slice(0, 80))} is not a number (the documented shape)`,
  };
}
