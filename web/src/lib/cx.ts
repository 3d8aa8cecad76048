/** Class names joined for className: empty, false and undefined parts left out (CSS modules give string | undefined). */
export function cx(...names: readonly (string | false | null | undefined)[]): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined || undefined;
}
