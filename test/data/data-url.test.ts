/** Which option values are URLs, which are accepted, how they are shown and masked; the retry policy. */
import { describe, expect, test } from '@jest/globals';
import {
  checkDataUrl,
  isUrlLike,
  redactDeep,
  redactUrl,
  redactUrlsIn,
  urlSecrets,
} from '../../src/core/data-url.js';
import { coerceText } from '../../src/core/options.js';
import { pathOptionValues } from '../../src/core/step.js';
import { HttpError, retryDelay } from '../../src/data/http-request.js';
import { formatOf } from '../../src/data/read-table.js';

describe('isUrlLike', () => {
  test.each([
    ['https://bucket.s3.amazonaws.com/a.csv', true],
    ['HTTP://host/a.csv', true],
    ['file:///etc/passwd', true],
    ['data:text/csv,a', true],
    ['s3://bucket/key', true],
    ['custom+scheme://x', true],
    ['data/eval.csv', false],
    ['./https://x', false],
    ['a:b.csv', false],
    ['/abs/path.csv', false],
    ['C:data.csv', false],
  ])('%s → %s', (value, expected) => expect(isUrlLike(value)).toBe(expected));
});

describe('redactUrl: scheme, host, port and path only', () => {
  test.each([
    [
      'https://bucket.s3.eu-west-1.amazonaws.com/data/eval.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc&X-Amz-Security-Token=tok',
      'https://bucket.s3.eu-west-1.amazonaws.com/data/eval.csv?…',
    ],
    [
      'https://acct.blob.core.windows.net/c/eval.parquet?sv=2022-11-02&se=2026-12-05&sr=b&sp=r&sig=AbC%2B',
      'https://acct.blob.core.windows.net/c/eval.parquet?…',
    ],
    [
      'https://storage.googleapis.com/b/eval.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=00ff',
      'https://storage.googleapis.com/b/eval.csv?…',
    ],
    ['https://user:secret@host:8443/a.csv#frag', 'https://host:8443/a.csv'],
    ['http://127.0.0.1:9/a.csv', 'http://127.0.0.1:9/a.csv'],
    ['https://user:pa ss@bad host/x?token=1', 'https://bad host/x?…'],
  ])('%s', (url, shown) => expect(redactUrl(url)).toBe(shown));

  test('in text: every URL, sentence punctuation kept', () => {
    expect(redactUrlsIn('GET https://u:p@h/a.csv?sig=SECRET: 404; see http://h/b?token=T.')).toBe(
      'GET https://h/a.csv?…: 404; see http://h/b?….',
    );
  });

  test('in result inputs, deeply', () => {
    expect(
      redactDeep({ data: 'https://h/a.csv?sig=S', list: ['x', 'http://u:p@h/'], n: 3, flag: true }),
    ).toEqual({ data: 'https://h/a.csv?…', list: ['x', 'http://h/'], n: 3, flag: true });
  });
});

describe('urlSecrets: what an action masks', () => {
  test('the URL, its query, userinfo and long query values', () => {
    const url = 'https://u:longpassword@h/a.csv?X-Amz-Signature=0123456789abcdef&sp=r';
    const secrets = urlSecrets(url);
    expect(secrets).toEqual(
      expect.arrayContaining([
        url,
        'X-Amz-Signature=0123456789abcdef&sp=r',
        'longpassword',
        '0123456789abcdef',
      ]),
    );
    expect(secrets).not.toContain('r');
  });
  test('nothing for a URL without credentials', () => expect(urlSecrets('https://h/a.csv')).toEqual([]));
});

describe('checkDataUrl and the option specs', () => {
  test.each([
    [
      'ftp://h/a.csv',
      '--data: ftp: URLs cannot be read; only http:// and https:// URLs (or a file path) are accepted',
    ],
    [
      's3://bucket/a.csv',
      '--data: s3: URLs cannot be read; only http:// and https:// URLs (or a file path) are accepted (object stores: give a presigned https URL, e.g. `aws s3 presign`, `gcloud storage sign-url`, an Azure SAS URL)',
    ],
    ['https://', '--data: https:// is not a valid URL'],
  ])('%s', (url, message) => expect(() => checkDataUrl(url, '--data')).toThrow(message));

  test('a url-capable path option refuses other schemes when the flag is read', () => {
    const spec = { type: 'path' as const, url: true, description: 'd' };
    expect(coerceText(spec, 'https://h/a.csv?sig=x', '--data')).toBe('https://h/a.csv?sig=x');
    expect(() => coerceText(spec, 'file:///etc/passwd', '--data')).toThrow(
      '--data: file: URLs cannot be read',
    );
  });

  test('a URL is not an input file (nothing to record or confine); a path is', () => {
    const specs = {
      data: { type: 'path' as const, url: true, description: 'd' },
      suite: { type: 'path' as const, description: 's' },
    };
    expect(pathOptionValues(specs, { data: 'https://h/a.csv', suite: 's.yml' }, '/repo')).toEqual([
      '/repo/s.yml',
    ]);
    expect(pathOptionValues(specs, { data: 'a.csv', suite: 's.yml' }, '/repo')).toEqual([
      '/repo/a.csv',
      '/repo/s.yml',
    ]);
  });

  test('the format of a URL comes from its path, not its query', () => {
    expect(formatOf('https://h/x/eval.parquet?X-Amz-Signature=a.csv')).toBe('parquet');
    expect(formatOf('https://h/x/events.jsonl?sv=1')).toBe('jsonl');
    expect(formatOf('https://h/x/download?file=a.parquet')).toBe('csv');
  });
});

describe('retryDelay', () => {
  const e = new HttpError('x', 503, true);
  test('full jitter: up to base·2^(n−1)', () => {
    expect(retryDelay(1, e, { baseDelayMs: 500 }, () => 0.999)).toBe(499);
    expect(retryDelay(3, e, { baseDelayMs: 500 }, () => 0.5)).toBe(1000);
    expect(retryDelay(4, e, { baseDelayMs: 500 }, () => 0)).toBe(0);
  });
  test('capped at maxDelayMs', () => expect(retryDelay(20, e, { maxDelayMs: 30_000 }, () => 1)).toBe(30_000));
  test('Retry-After wins, capped too', () => {
    expect(retryDelay(1, new HttpError('x', 429, true, 2000), {}, () => 0)).toBe(2000);
    expect(retryDelay(1, new HttpError('x', 429, true, 3_600_000), {}, () => 0)).toBe(30_000);
  });
});
