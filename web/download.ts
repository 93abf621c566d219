/** Saving files from the page: a link to a blob or data URL, clicked once. */

/** Starts the download of `url` as `file` (blob URLs are revoked afterwards). */
export function download(url: string, file: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Starts the download of `text` as `file`. */
export function downloadText(text: string, file: string, type: string): void {
  download(URL.createObjectURL(new Blob([text], { type })), file);
}
