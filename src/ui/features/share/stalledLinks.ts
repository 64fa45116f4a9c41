// Model links whose load stalled the compute worker (the bridge's watchdog restarted it): kept in this
// browser, so opening the same `?model=` link again says so instead of hanging the app at every visit.
import { withStalled } from '../../../shared/loadWatchdog';
import { setAddressParam } from '../../address';

const KEY = 'sem.stalledModels';

function read(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers `url` as stalled and takes it out of the address (?model=), so a reload does not repeat it. */
export function markStalled(url: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(withStalled(read(), url)));
  } catch {
    // storage refused: the address is still cleaned below
  }
  if (new URLSearchParams(window.location.search).get('model') === url) setAddressParam('model', null);
}

export function hasStalled(url: string): boolean {
  return read().includes(url);
}

export const STALLED_LINK =
  'This model link stopped the app from responding when it was last opened here (its loading made no progress), so it is not ' +
  'opened automatically. Download the bundle and drop it on Share → Open a trained model to try it again.';
