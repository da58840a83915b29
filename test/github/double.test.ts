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
