/**
 * Data given as a URL instead of a file: which option values are URLs, which URLs may be read (http and
 * https only), and the form of a URL that may be shown anywhere.
 *
 * Presigned object-store URLs (S3 `X-Amz-Signature`, GCS `X-Goog-Signature`, Azure SAS `sig=`) carry their
 * credentials in the query string, and `https://user:token@host/` in the userinfo. No list of sensitive
 * parameter names can be complete, so the shown form drops the userinfo and the whole query
 * (`https://bucket.s3.amazonaws.com/data/eval.csv?…`): scheme, host and path say which data it was.
 */
import { resolve } from 'node:path';
import { InputError } from './errors.js';

/** Schemes that are recognised as URLs (and refused unless http or https) even without `//`. */
const KNOWN_SCHEMES = new Set([
  'http',
  'https',
  'file',
  'data',
  'ftp',
  'ftps',
  'sftp',
  's3',
  's3a',
  'gs',
  'gcs',
  'az',
  'abfs',
  'abfss',
  'wasb',
  'wasbs',
  'hdfs',
  'blob',
  'javascript',
]);

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Whether an option value is meant as a URL rather than a path: `scheme://…`, or a known scheme such as
 * `data:` or `file:`. A relative path never starts with a scheme and `//` (`a:b.csv` stays a path).
 */
export function isUrlLike(value: string): boolean {
  const m = SCHEME.exec(value);
  if (!m) return false;
  return value.startsWith('//', m[0].length) || KNOWN_SCHEMES.has(m[1].toLowerCase());
}

/** Whether `value` is an http(s) URL that can be read. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * The URL without credentials, for every message, log line, result and report: scheme, host, port and
 * path; a query becomes `?…`, userinfo and fragment are dropped. Text that does not parse as a URL is
 * cut at its first `?`/`#` and stripped of anything before an `@` in its authority.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const query = u.search ? '?…' : '';
    return `${u.protocol}//${u.host}${u.pathname}${query}`;
  } catch {
    const cut = url.search(/[?#]/);
    const head = cut < 0 ? url : url.slice(0, cut);
    const noUser = head.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@]*@/, '$1');
    return cut < 0 ? noUser : `${noUser}?…`;
  }
}

/**
 * `text` with every URL in it redacted ({@link redactUrl}): the last line of defence for error messages
 * and result inputs, so a credential never leaves the process even when a message quotes a URL whole.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>`]+/g, (match) => {
    // Punctuation that ends a sentence is not part of the URL (`GET https://h/a.csv?…: 404`).
    const url = match.replace(/[.,:;!)\]}]+$/, '');
    return redactUrl(url) + match.slice(url.length);
  });
}

/** Whether the URL carries something secret (userinfo or a query string) that must be masked in logs. */
export function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '' || u.search !== '';
  } catch {
    return false;
  }
}

/**
 * Checks a URL-like option value: http and https are read; any other scheme is an InputError naming the
 * option and the scheme (a `s3://` or `gs://` URL gets a hint to presign it).
 */
export function checkDataUrl(value: string, where: string): void {
  const scheme = SCHEME.exec(value)?.[1].toLowerCase() ?? '';
  if (scheme === 'http' || scheme === 'https') {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new InputError(`${where}: ${redactUrl(value)} is not a valid URL`);
    }
    if (!u.hostname) throw new InputError(`${where}: ${redactUrl(value)} has no host`);
    return;
  }
  const hint = ['s3', 's3a', 'gs', 'gcs', 'az', 'abfs', 'abfss', 'wasb', 'wasbs'].includes(scheme)
    ? ' (object stores: give a presigned https URL, e.g. `aws s3 presign`, `gcloud storage sign-url`, an Azure SAS URL)'
    : '';
  throw new InputError(
    `${where}: ${scheme}: URLs cannot be read; only http:// and https:// URLs (or a file path) are accepted${hint}`,
  );
}

/** Where a data option points: a URL as given, a path resolved against `baseDir`. */
export function dataLocation(baseDir: string, value: string): string {
  return isUrlLike(value) ? value : resolve(baseDir, value);
}

/** A data option's value as it may be shown: a URL redacted, a path as given. */
export function shownData(value: string): string {
  return isUrlLike(value) ? redactUrl(value) : value;
}

/** `value` with every string inside it passed through {@link redactUrlsIn} (result inputs). */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlsIn(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}

/**
 * The parts of a URL to mask in an action's log (`core.setSecret`): the whole URL, its query string, the
 * userinfo, and every query value long enough to be a signature or token.
 */
export function urlSecrets(url: string): string[] {
  const out = new Set<string>();
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  if (!hasCredentials(url)) return [];
  out.add(url);
  out.add(u.href);
  if (u.search.length > 1) out.add(u.search.slice(1));
  for (const part of [u.username, u.password]) if (part) out.add(part);
  for (const [, value] of u.searchParams) if (value.length >= 8) out.add(value);
  return [...out];
}
