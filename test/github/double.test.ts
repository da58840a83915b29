import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/core/logger.js';
import { GitHubDouble } from '../helpers/github-double.js';

let double: GitHubDouble;
beforeAll(async () => {
  double = await GitHubDouble.start();
});
afterAll(() => double.close());

describe('the GitHub API double', () => {
  test('answers spec-shaped bodies and pages with Link headers', async () => {
    const pr = double.seedPullRequest({ number: 7, comments: 3 });
    const client = createGitHubClient({
      token: double.token,
      apiUrl: double.url,
      graphqlUrl: double.graphqlUrl,
      logger: silentLogger,
    });
    const list = await client.rest.paginate(client.rest.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: 7,
      per_page: 2,
    });
    expect(list).toHaveLength(3);
    const viewer = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(viewer.viewer.login).toBe('github-actions');
    const p = await client.rest.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: 7 });
    expect(p.data.head.sha).toBe(pr.headSha);
    expect(double.problems).toEqual([]);
  });

  test("flags a request that does not match GitHub's description", async () => {
    const before = double.problems.length;
    const client = createGitHubClient({ token: double.token, apiUrl: double.url, logger: silentLogger });
    await expect(
      // A misspelt field, as a buggy client would send it (the route string is untyped on purpose).
      client.rest.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments' as string, {
        owner: 'acme-ml',
        repo: 'churn-model',
        issue_number: 7,
        bodyy: 'typo',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      client.rest.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'acme-ml',
        repo: 'churn-model',
        issue_number: 7,
        sort: 'x',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(client.graphql('query { viewer { loginn } }')).rejects.toThrow(/loginn/);
    const found = double.problems.slice(before);
    double.problems.length = before;
    expect(found.join('\n')).toMatch(/body.*required property 'body'|must have required property 'body'/);
    expect(found.join('\n')).toMatch(/query parameter sort is not defined/);
    expect(found.join('\n')).toMatch(/Cannot query field "loginn"/);
  });
});

describe('the double: git data, releases and the uploads host', () => {
  const sha = 'c0ffee0000000000000000000000000000000001';
  const client = () =>
    createGitHubClient({
      token: double.token,
      apiUrl: double.url,
      logger: silentLogger,
      paceWrites: false,
      retryAfterBaseMs: 1,
    });

  test('a release names the uploads host in upload_url; an asset sent to the API host is a problem', async () => {
    double.git.push('acme-ml', 'hosts', [{ sha, parents: [], message: 'feat: x' }]);
    const rest = client().rest;
    const rel = (
      await rest.rest.repos.createRelease({
        owner: 'acme-ml',
        repo: 'hosts',
        tag_name: 'v1.0.0',
        target_commitish: sha,
      })
    ).data;
    expect(rel.upload_url).toBe(
      `${double.uploadsUrl}/repos/acme-ml/hosts/releases/${rel.id}/assets{?name,label}`,
    );
    expect(new URL(double.uploadsUrl).port).not.toBe(new URL(double.url).port);
    // GitHub made a lightweight tag for the release at target_commitish.
    expect(double.git.repo('acme-ml', 'hosts').refs.get('tags/v1.0.0')).toEqual({ type: 'commit', sha });
    const asset = await rest.request({
      method: 'POST',
      url: rel.upload_url,
      name: 'a.json',
      data: Buffer.from('{"a":1}'),
      headers: { 'content-type': 'application/json' },
    });
    expect(asset.data).toMatchObject({ name: 'a.json', size: 7, state: 'uploaded' });
    const before = double.problems.length;
    await expect(
      rest.request('POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}', {
        owner: 'acme-ml',
        repo: 'hosts',
        release_id: rel.id,
        name: 'b.json',
        data: Buffer.from('{}'),
        headers: { 'content-type': 'application/json' },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(double.problems.splice(before)).toEqual([
      `POST /repos/acme-ml/hosts/releases/${rel.id}/assets: a release asset was sent to the API host; uploads go to the release's upload_url`,
    ]);
    // A download is redirected to the download host, which never sees the token.
    const id = (asset.data as { id: number }).id;
    const bytes = await rest.rest.repos.getReleaseAsset({
      owner: 'acme-ml',
      repo: 'hosts',
      asset_id: id,
      headers: { accept: 'application/octet-stream' },
    });
    expect(Buffer.from(bytes.data as unknown as ArrayBuffer).toString()).toBe('{"a":1}');
    expect(double.requests.at(-1)).toMatchObject({ operationId: 'download', status: 200 });
    expect(double.problems).toEqual([]);
  });

  test('refs and annotated tags refuse what GitHub refuses', async () => {
    const rest = client().rest.rest;
    const ref = { owner: 'acme-ml', repo: 'hosts' };
    const tag = (
      await rest.git.createTag({ ...ref, tag: 'v2.0.0', message: 'v2', object: sha, type: 'commit' })
    ).data;
    await rest.git.createRef({ ...ref, ref: 'refs/tags/v2.0.0', sha: tag.sha });
    await expect(rest.git.createRef({ ...ref, ref: 'refs/tags/v2.0.0', sha })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    await expect(
      rest.git.createTag({ ...ref, tag: 'v3', message: 'x', object: 'f'.repeat(40), type: 'commit' }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await rest.git.getRef({ ...ref, ref: 'tags/v2.0.0' })).data.object).toMatchObject({
      type: 'tag',
      sha: tag.sha,
    });
    expect(double.git.peel(double.git.repo('acme-ml', 'hosts'), 'tags/v2.0.0')).toBe(sha);
    expect(double.problems).toEqual([]);
  });
});
