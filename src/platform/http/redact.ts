/** Query parameters that may carry a full ID or phone number (exact lookups). */
const SENSITIVE = /([?&](?:idNumber|phone)=)[^&]*/gi;

/** A URL fit for logs and the audit trail: lookup numbers replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(SENSITIVE, '$1***');
}
