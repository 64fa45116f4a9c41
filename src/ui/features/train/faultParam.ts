import { parseFault } from '../../../shared/train/faults';

/** TEST ONLY: `?fault=oom@2` or `?fault=device-lost@9` (see shared/train/faults.ts); null for users. */
export const faultParam = parseFault(new URLSearchParams(window.location.search).get('fault'));
