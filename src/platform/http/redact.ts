/** Query parameters that may carry a full ID or phone number (exact lookups), or an Open311 api_key (keyed reads). */
const SENSITIVE = /([?&](?:idNumber|phone|api_key)=)[^&]*/gi;

/** A URL fit for logs and the audit trail: lookup numbers replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(SENSITIVE, '$1***');
}
