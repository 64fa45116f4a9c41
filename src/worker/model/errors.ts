/**
 * A model or weight file the app cannot use, with a message written for the user (shown as is in the UI):
 * what is wrong and, where possible, what to do instead.
 */
export class BackboneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackboneError';
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
