// Saving something the app made (a CSV, a report, a chart, a model bundle) as a file, through a temporary
// link to an object URL: nothing goes to a server.

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the blob only after click() returns, and a large bundle
  // takes a while to write.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(new Blob([text], { type }), name);
}
