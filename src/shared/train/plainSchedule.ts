// The Train step's plain choices (how long, how big the images) and the progressive-resizing schedule they
// stand for; a schedule typed in the Advanced panel (or ?schedule=) that matches none of them is "custom".

export type PlainLength = 'quick' | 'auto' | 'long';
export type PlainSize = 'small' | 'medium' | 'large';

export const PLAIN_LENGTHS: { id: PlainLength; label: string; hint: string; epochs: string }[] = [
  { id: 'quick', label: 'Quick look', hint: 'one pass over the images per size: minutes, a first idea', epochs: '1' },
  { id: 'auto', label: 'Recommended', hint: 'as many passes as the dataset size calls for', epochs: '?' },
  { id: 'long', label: 'Thorough', hint: 'three passes per size: best accuracy, about three times as long', epochs: '3' },
];

export const PLAIN_SIZES: { id: PlainSize; label: string; hint: string; sizes: number[] }[] = [
  { id: 'small', label: 'Small (64 px)', hint: 'fastest; enough for coarse textures', sizes: [64] },
  { id: 'medium', label: 'Medium (up to 128 px)', hint: 'starts small, ends at 128 px', sizes: [64, 128] },
  { id: 'large', label: 'Large (up to 224 px)', hint: "ends at the network's native 224 px: finest detail, slowest", sizes: [64, 128, 224] },
];

/** The schedule string (`64x?,128x?`) for a length and a size. */
export function plainSchedule(length: PlainLength, size: PlainSize): string {
  const epochs = PLAIN_LENGTHS.find((l) => l.id === length)!.epochs;
  return PLAIN_SIZES.find((s) => s.id === size)!.sizes.map((px) => `${px}x${epochs}`).join(',');
}

/** Which plain choices a schedule is, or null for any other (custom) schedule. */
export function plainChoices(schedule: string): { length: PlainLength; size: PlainSize } | null {
  const norm = schedule.replace(/\s+/g, '').toLowerCase();
  for (const l of PLAIN_LENGTHS) {
    for (const s of PLAIN_SIZES) if (plainSchedule(l.id, s.id) === norm) return { length: l.id, size: s.id };
  }
  return null;
}
