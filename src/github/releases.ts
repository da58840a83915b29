/**
 * Releases on GitHub through its REST API, for `model-ci release` (the interface is the check's
 * `ReleaseHost`, src/checks/release/host.ts):
 *
 * - annotated tags: a tag object (`POST /git/tags`) on the exact commit, then `refs/tags/<tag>` to it
 *   (`POST /git/refs`); when the ref already exists (a response lost to a 502 that the retry re-sent, or
 *   an earlier run) it is read back and accepted only when it names the same commit;
 * - releases: found by tag, created published (never a draft), their body updated;
 * - assets: uploaded to the release's `upload_url` exactly as the API returned it (its own host: GitHub's
 *   uploads.github.com, or GitHub Enterprise Server's `/api/uploads`), downloaded through the API's
 *   redirect to the download host (the HTTP client drops the token on that cross-origin redirect);
 * - the floating major tag: a lightweight ref created or moved (forced) to the commit.
 *
 * Every call goes through the shared client (src/github/client.ts: retries of 5xx, rate limits waited
 * out); failures become GitHubApiError with GitHub's message, never the token.
 */
import type { HostAsset, HostRelease, ReleaseHost, RemoteTag } from '../checks/release/host.js';
import { GitHubApiError, describeApiError, type GitHubClient } from './client.js';

interface ApiAsset {
  id: number;
  name: string;
  size: number;
  digest?: string | null;
  browser_download_url: string;
}

interface ApiRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  upload_url: string;
  assets: ApiAsset[];
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

function asset(a: ApiAsset): HostAsset {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    ...(a.digest ? { digest: a.digest } : {}),
    downloadUrl: a.browser_download_url,
  };
}

function release(r: ApiRelease): HostRelease {
  return {
    id: r.id,
    tagName: r.tag_name,
    name: r.name,
    body: r.body ?? null,
    draft: r.draft,
    prerelease: r.prerelease,
    htmlUrl: r.html_url,
    uploadUrl: r.upload_url,
    assets: (r.assets ?? []).map(asset),
  };
}

/** What failed, in words: `creating the release model-v1.2.0: 502 Server Error`. */
function failure(what: string, e: unknown): GitHubApiError {
  const { status, message } = describeApiError(e);
  const hint =
    status === 403 || status === 401
      ? ' (the token needs "contents: write" on this job)'
      : status === 404
        ? " (not found with this token: check the repository and the token's access)"
        : '';
  return new GitHubApiError(`GitHub: ${what}: ${message}${hint}`, status);
}

export function githubReleaseHost(
  client: GitHubClient,
  repo: { owner: string; repo: string },
  serverUrl?: string,
): ReleaseHost {
  const rest = client.rest.rest;
  const ref = { owner: repo.owner, repo: repo.repo };

  async function peel(object: { type: string; sha: string }): Promise<string> {
    let current = object;
    for (let i = 0; i < 5 && current.type === 'tag'; i++) {
      const tag = await rest.git.getTag({ ...ref, tag_sha: current.sha });
      current = tag.data.object;
    }
    return current.sha;
  }

  async function tagCommit(tag: string): Promise<string | undefined> {
    try {
      const r = await rest.git.getRef({ ...ref, ref: `tags/${tag}` });
      return await peel(r.data.object);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw failure(`reading the tag ${tag}`, e);
    }
  }

  return {
    repository: `${repo.owner}/${repo.repo}`,
    webUrl: serverUrl ? `${serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}` : undefined,

    async commitExists(sha) {
      try {
        await rest.git.getCommit({ ...ref, commit_sha: sha });
        return true;
      } catch (e) {
        if (statusOf(e) === 404 || statusOf(e) === 422) return false;
        throw failure(`reading the commit ${sha.slice(0, 12)}`, e);
      }
    },

    tagCommit,

    async listTags(prefix): Promise<RemoteTag[]> {
      try {
        // Not paginated: GitHub answers every matching ref at once.
        const refs = (await rest.git.listMatchingRefs({ ...ref, ref: `tags/${prefix}` })).data;
        return refs.map((r) => ({ name: r.ref.replace(/^refs\/tags\//, ''), object: r.object }));
      } catch (e) {
        throw failure(`listing the tags ${prefix}*`, e);
      }
    },

    async createAnnotatedTag(tag, commit, message) {
      let tagSha: string;
      try {
        const created = await rest.git.createTag({ ...ref, tag, message, object: commit, type: 'commit' });
        tagSha = created.data.sha;
      } catch (e) {
        throw failure(`creating the tag object ${tag}`, e);
      }
      try {
        await rest.git.createRef({ ...ref, ref: `refs/tags/${tag}`, sha: tagSha });
      } catch (e) {
        if (statusOf(e) !== 422) throw failure(`creating the tag ${tag}`, e);
        // "Reference already exists": ours from a response that was lost, or someone else's.
        const existing = await tagCommit(tag);
        if (existing !== commit)
          throw new GitHubApiError(
            `GitHub: the tag ${tag} already exists${existing ? ` at ${existing.slice(0, 12)}` : ''}, not at ${commit.slice(0, 12)}: a release tag is never moved`,
            422,
          );
      }
    },

    async moveTag(tag, commit) {
      let current: { type: string; sha: string } | undefined;
      try {
        current = (await rest.git.getRef({ ...ref, ref: `tags/${tag}` })).data.object;
      } catch (e) {
        if (statusOf(e) !== 404) throw failure(`reading the tag ${tag}`, e);
      }
      try {
        if (!current) {
          await rest.git.createRef({ ...ref, ref: `refs/tags/${tag}`, sha: commit });
          return 'created';
        }
        if (current.type === 'commit' && current.sha === commit) return 'unchanged';
        await rest.git.updateRef({ ...ref, ref: `tags/${tag}`, sha: commit, force: true });
        return 'moved';
      } catch (e) {
        throw failure(`moving the tag ${tag}`, e);
      }
    },

    async findRelease(tag) {
      try {
        return release((await rest.repos.getReleaseByTag({ ...ref, tag })).data as ApiRelease);
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw failure(`reading the release ${tag}`, e);
      }
    },

    async createRelease(r) {
      try {
        const created = await rest.repos.createRelease({
          ...ref,
          tag_name: r.tag,
          target_commitish: r.commit,
          name: r.name,
          body: r.body,
          draft: false,
          prerelease: r.prerelease,
        });
        return release(created.data as ApiRelease);
      } catch (e) {
        throw failure(`creating the release ${r.tag}`, e);
      }
    },

    async updateRelease(id, change) {
      try {
        return release(
          (await rest.repos.updateRelease({ ...ref, release_id: id, body: change.body })).data as ApiRelease,
        );
      } catch (e) {
        throw failure(`updating the release ${id}`, e);
      }
    },

    async listAssets(r) {
      try {
        const list = await client.rest.paginate(rest.repos.listReleaseAssets, {
          ...ref,
          release_id: r.id,
          per_page: 100,
        });
        return (list as ApiAsset[]).map(asset);
      } catch (e) {
        throw failure(`listing the assets of ${r.tagName}`, e);
      }
    },

    async uploadAsset(r, a) {
      try {
        // The template as GitHub returned it; octokit expands {?name,label}.
        const response = await client.rest.request({
          method: 'POST',
          url: r.uploadUrl,
          name: a.name,
          data: a.data,
          headers: { 'content-type': a.contentType, 'content-length': a.data.length },
        });
        return asset(response.data as ApiAsset);
      } catch (e) {
        throw failure(`uploading ${a.name} to the release ${r.tagName}`, e);
      }
    },

    async downloadAsset(a, maxBytes) {
      if (a.size > maxBytes)
        throw new GitHubApiError(
          `GitHub: the asset ${a.name} has ${a.size} bytes, more than ${maxBytes}`,
          undefined,
        );
      try {
        const response = await rest.repos.getReleaseAsset({
          ...ref,
          asset_id: a.id,
          headers: { accept: 'application/octet-stream' },
        });
        const data = response.data as unknown;
        const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data as string);
        if (bytes.length > maxBytes)
          throw new GitHubApiError(`GitHub: the asset ${a.name} is larger than ${maxBytes} bytes`, undefined);
        return bytes;
      } catch (e) {
        if (e instanceof GitHubApiError) throw e;
        throw failure(`downloading ${a.name}`, e);
      }
    },

    async pullRequestLabels(commit) {
      try {
        const pulls = await rest.repos.listPullRequestsAssociatedWithCommit({
          ...ref,
          commit_sha: commit,
          per_page: 100,
        });
        return pulls.data.map((p) => ({
          number: p.number,
          labels: (p.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
        }));
      } catch (e) {
        throw failure(`reading the pull requests of ${commit.slice(0, 12)}`, e);
      }
    },
  };
}
