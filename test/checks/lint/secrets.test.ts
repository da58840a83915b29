import { describe, expect, test } from '@jest/globals';
import { findSecrets } from '../../../src/checks/lint/secrets.js';
import { fakeToken } from './fixture-repo.js';

// Credentials are assembled at run time (never committed as literals).
const AWS_ID = fakeToken('AK' + 'IA', 16, 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
const AWS_SECRET = fakeToken('', 40, 12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');

describe('credential patterns', () => {
  test.each([
    ['MCI501', `id = ${AWS_ID}`, 'AKIA… (20 characters)'],
    ['MCI502', `aws_secret_access_key = "${AWS_SECRET}"`, '… (40 characters)'],
    ['MCI503', `t=${fakeToken('gh' + 's_', 36, 13)}`, 'ghs_… (40 characters)'],
    [
      'MCI503',
      `t=${fakeToken('github' + '_pat_', 82, 14, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_')}`,
      'github_pat_… (93 characters)',
    ],
    [
      'MCI504',
      `-----BEGIN OPENSSH ${'PRIVATE'} KEY-----\n${fakeToken('', 70, 15)}\n-----END OPENSSH PRIVATE KEY-----`,
      '-----BEGIN OPENSSH PRIVATE KEY-----',
    ],
    [
      'MCI505',
      `https://hooks.slack.com/services/T0${fakeToken('', 8, 16, 'ABCDEFGHIJ0123456789')}/B0${fakeToken('', 8, 17, 'ABCDEFGHIJ0123456789')}/${fakeToken('', 24, 18)}`,
      'https://hooks.slack.com/services/… (79 characters)',
    ],
    ['MCI506', fakeToken('rk' + '_live_', 30, 19), 'rk_live_… (38 characters)'],
    ['MCI507', `key: ${fakeToken('AI' + 'za', 35, 20)}`, 'AIza… (39 characters)'],
    [
      'MCI508',
      fakeToken('api' + '_org_', 34, 21, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
      'api_org_… (42 characters)',
    ],
    [
      'MCI509',
      `${fakeToken('sk' + '-proj-', 20, 22)}T3Blbk${'FJ'}${fakeToken('', 20, 23)}`,
      'sk-proj-… (56 characters)',
    ],
    ['MCI509', fakeToken('sk-ant-' + 'api03-', 93, 24), 'sk-ant-… (106 characters)'],
    ['MCI510', fakeToken('np' + 'm_', 36, 25), 'npm_… (40 characters)'],
    ['MCI511', fakeToken('gl' + 'pat-', 20, 26), 'glpat-… (26 characters)'],
  ])('%s in %j', (rule, text, masked) => {
    const found = findSecrets(`x\n${text}\n`);
    expect(found.map((s) => [s.rule, s.line, s.masked])).toEqual([[rule, 2, masked]]);
    expect(found[0].masked).not.toContain(found[0].value.slice(Math.max(8, found[0].value.length - 12)));
    expect(found[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the secret half of an AWS pair is found next to its key ID without a telltale name', () => {
    const found = findSecrets(`[default]\nid=${AWS_ID}\nkey=${AWS_SECRET}\n`);
    expect(found.map((s) => [s.rule, s.line])).toEqual([
      ['MCI501', 2],
      ['MCI502', 3],
    ]);
  });

  test.each([
    ['AWS documentation example', 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['placeholder', 'token: ghp_' + 'x'.repeat(36)],
    ['too few distinct characters', 'ghp_' + 'ab'.repeat(18)],
    [
      'a header without a key body',
      `-----BEGIN RSA ${'PRIVATE'} KEY-----\n<your key>\n-----END RSA PRIVATE KEY-----`,
    ],
    ['a word that merely starts like one', 'hf_hub_download(repo_id="x")'],
    ['prose', 'set the AWS_SECRET_ACCESS_KEY variable in CI'],
  ])('not a credential: %s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});
