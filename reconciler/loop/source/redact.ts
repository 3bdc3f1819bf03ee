// Keeps credentials out of logs: URLs are shown without their userinfo.

/** `https://user:token@host/x.git` → `https://host/x.git`; anything else unchanged. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}

/** Removes userinfo from every URL in a message (git's stderr quotes URLs back). */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}
