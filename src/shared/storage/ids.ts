/** A record id that sorts by creation time and does not collide across tabs: `<prefix>-<time36>-<random4>`. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}-${now.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}
