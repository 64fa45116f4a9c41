// The page's address as app state: `?backbone=`, `?model=` and the like, changed without a reload.

/** Sets one parameter of the address (null removes it), keeping the others and the hash. */
export function setAddressParam(name: string, value: string | null): void {
  const q = new URLSearchParams(window.location.search);
  if (value === null) q.delete(name);
  else q.set(name, value);
  const search = q.toString();
  history.replaceState(history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
}
