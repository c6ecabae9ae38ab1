/** What a secret is replaced with in a log line (headers, query parameters). */
export const REDACTED = '[redacted]';

/** A query parameter whose name says it carries a secret: apikey, x-api-key, access_token, client_secret, password, auth, sig… */
const SECRET_NAME = /key|token|secret|passw|auth|signature|sig$/i;

const decodeName = (raw: string): string => {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
};

export const isSecretName = (name: string): boolean => SECRET_NAME.test(decodeName(name));

/** The query string (without `?`) with the value of every secret-named parameter replaced; the rest kept byte for byte. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return isSecretName(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** `scheme://user:password@` — the credentials part of an absolute URL (up to the last `@` before the path). */
const CREDENTIALS = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#]*@/gi;

/**
 * A URL (a request's `/path?query` or an absolute URL) fit for a log line: no `user:password@`, and the
 * value of every query parameter named like a key, token, secret, password, auth or signature replaced by
 * `[redacted]` (the parameter itself stays, so the line still tells that one was sent).
 */
export function redactUrl(url: string): string {
  const withoutCredentials = url.replace(CREDENTIALS, '$1');
  const question = withoutCredentials.indexOf('?');
  if (question < 0) return withoutCredentials;
  const hash = withoutCredentials.indexOf('#', question);
  const end = hash < 0 ? withoutCredentials.length : hash;
  return (
    withoutCredentials.slice(0, question + 1) + redactQuery(withoutCredentials.slice(question + 1, end)) + withoutCredentials.slice(end)
  );
}

/** URL-like tokens in free text: absolute URLs, and `/paths?with=queries`. */
const URL_IN_TEXT = /\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>]+|(?<![\w/])\/[^\s"'<>?]*\?[^\s"'<>]+/gi;

/** Free text (a log message, an error's message) with every URL in it passed through {@link redactUrl}. */
export const redactText = (text: string): string =>
  text.includes('://') || text.includes('?') ? text.replace(URL_IN_TEXT, redactUrl) : text;
