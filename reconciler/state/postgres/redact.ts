// Keeps the database password out of everything quiesce prints, logs or stores.

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^:/@\s]*)(:[^\s]*)?@/gi;

/** `postgres://ann:secret@db/q` → `postgres://ann@db/q` (up to the last `@`, so an unencoded `@` in a password cannot leak). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^:/@\s]*)(:.*)?@/i, '$1$2@');
}

/** A function that removes the URL's password (and any URL's userinfo password) from a message. */
export function redactor(password: string | null): (text: string) => string {
  return (text) => {
    let out = text.replace(USERINFO, '$1$2@');
    if (password !== null && password !== '') {
      for (const form of new Set([password, encodeURIComponent(password)]))
        out = out.split(form).join('***');
    }
    return out;
  };
}
