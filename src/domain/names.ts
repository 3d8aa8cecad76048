/** Person names for search: one normalized key so that "garcía" finds "GARCIA" and "Garcia". */

/** Upper case, accents removed (Ñ kept), runs of spaces collapsed. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/N\u0303/g, 'Ñ')
    .replace(/n\u0303/g, 'ñ')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-ZÑ0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
