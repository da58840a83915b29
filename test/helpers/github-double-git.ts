/**
 * Git data and releases for the GitHub API double (test/helpers/github-double.ts): per repository, the
 * commits GitHub knows, refs (`tags/…`, `heads/…`), annotated tag objects, releases with their assets,
 * and the pull requests a commit came from. Every route answers as GitHub documents it (the double checks
 * each answer against the operation's response schema), including GitHub's own refusals: a ref that
 * exists (422 "Reference already exists"), a tag object for an unknown commit (422), a second release for
 * a tag (422 `already_exists`), an asset name used twice (422). Releases' `upload_url` names the double's
 * uploads host, and asset downloads are redirected (302) to its download host.
 */
import { createHash } from 'node:crypto';
import type { DoubleHost, DoubleRequest, DoubleResponse, User } from './github-double-types.js';

export interface GitCommit {
  sha: string;
  message: string;
  parents: string[];
}

export interface GitRef {
  type: 'commit' | 'tag';
  sha: string;
}

export interface GitTagObject {
  sha: string;
  tag: string;
  message: string;
  object: { sha: string; type: 'commit' | 'tree' | 'blob' };
  tagger: { name: string; email: string; date: string };
}

export interface ReleaseAsset {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
  uploader: User;
  createdAt: string;
}

export interface Release {
  id: number;
  owner: string;
  repo: string;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: User;
  createdAt: string;
  publishedAt: string | null;
  assets: ReleaseAsset[];
}

export interface RepoGit {
  owner: string;
  repo: string;
  /** The branch `target_commitish` means when it is not given. */
  defaultBranch: string;
  commits: Map<string, GitCommit>;
  /** `tags/model-v1.0.0` -> what it points at. */
  refs: Map<string, GitRef>;
  tagObjects: Map<string, GitTagObject>;
  releases: Map<number, Release>;
  /** Pull requests a commit came from (for `list-pull-requests-associated-with-commit`). */
  commitPulls: Map<string, { number: number; labels: string[]; title: string }[]>;
}

const T0 = Date.parse('2026-12-01T09:00:00Z');

export class GitState {
  private readonly repos = new Map<string, RepoGit>();
  private tick = 0;

  /** The repository's git data (created empty on first use). */
  repo(owner: string, repo: string): RepoGit {
    const key = `${owner}/${repo}`;
    let r = this.repos.get(key);
    if (!r) {
      r = {
        owner,
        repo,
        defaultBranch: 'main',
        commits: new Map(),
        refs: new Map(),
        tagObjects: new Map(),
        releases: new Map(),
        commitPulls: new Map(),
      };
      this.repos.set(key, r);
    }
    return r;
  }

  /** Make commits known to GitHub (as after a push), and point `heads/<branch>` at the last one. */
  push(owner: string, repo: string, commits: readonly GitCommit[], branch = 'main'): void {
    const r = this.repo(owner, repo);
    for (const c of commits) r.commits.set(c.sha, c);
    if (commits.length) r.refs.set(`heads/${branch}`, { type: 'commit', sha: commits.at(-1)!.sha });
  }

  /** A new timestamp, one second after the previous one. */
  now(): string {
    return new Date(T0 + ++this.tick * 1000).toISOString().replace(/\.000Z$/, 'Z');
  }

  /** The commit a tag ref finally names (annotated tags peeled), or undefined. */
  peel(r: RepoGit, ref: string): string | undefined {
    let target = r.refs.get(ref);
    if (!target) return undefined;
    let sha = target.sha;
    for (let i = 0; i < 10 && target?.type === 'tag'; i++) {
      const obj = r.tagObjects.get(sha);
      if (!obj) return undefined;
      sha = obj.object.sha;
      target = obj.object.type === 'commit' ? undefined : { type: 'tag', sha };
    }
    return sha;
  }

  assetById(id: number): ReleaseAsset | undefined {
    for (const r of this.repos.values())
      for (const rel of r.releases.values()) {
        const a = rel.assets.find((x) => x.id === id);
        if (a) return a;
      }
    return undefined;
  }

  /** Every release of every repository. */
  allReleases(): Release[] {
    return [...this.repos.values()].flatMap((r) => [...r.releases.values()]);
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString('base64url')}`;
}

const DOCS = 'https://docs.github.com/rest';

function notFound(): DoubleResponse {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
}

function unprocessable(message: string, errors?: unknown[]): DoubleResponse {
  return {
    status: 422,
    body: { message, ...(errors ? { errors } : {}), documentation_url: DOCS },
  };
}

/** Pages of a list as GitHub serves them (`per_page`, `page`, a Link header with `next`/`last`). */
function paged(
  double: DoubleHost,
  req: DoubleRequest,
  all: readonly unknown[],
  base: string,
): DoubleResponse {
  const perPage = Math.min(double.maxPerPage, Number(req.query.get('per_page') ?? 30));
  const page = Number(req.query.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const links: string[] = [];
  const link = (p: number, rel: string) => `<${base}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return {
    status: 200,
    body: all.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

/** Install the git, release and asset routes on `double` (called by `GitHubDouble.start`). */
export function installGitRoutes(double: DoubleHost & { git: GitState }): void {
  const git = double.git;
  const repoOf = (req: DoubleRequest) => git.repo(req.params.owner, req.params.repo);
  const api = (r: RepoGit) => `${double.url}/repos/${r.owner}/${r.repo}`;
  const web = (r: RepoGit) => `${double.webUrl}/${r.owner}/${r.repo}`;

  const refJson = (r: RepoGit, name: string, ref: GitRef) => ({
    ref: `refs/${name}`,
    node_id: nodeId('REF', `${r.owner}/${r.repo}/${name}`),
    url: `${api(r)}/git/refs/${name}`,
    object: {
      type: ref.type,
      sha: ref.sha,
      url: `${api(r)}/git/${ref.type === 'tag' ? 'tags' : 'commits'}/${ref.sha}`,
    },
  });

  const tagJson = (r: RepoGit, t: GitTagObject) => ({
    node_id: nodeId('TAG', t.sha),
    tag: t.tag,
    sha: t.sha,
    url: `${api(r)}/git/tags/${t.sha}`,
    message: t.message,
    tagger: t.tagger,
    object: { sha: t.object.sha, type: t.object.type, url: `${api(r)}/git/commits/${t.object.sha}` },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  });

  const commitJson = (r: RepoGit, c: GitCommit) => {
    const person = { date: '2026-11-30T10:00:00Z', name: 'Dana Data', email: 'dana@example.com' };
    return {
      sha: c.sha,
      node_id: nodeId('C', c.sha),
      url: `${api(r)}/git/commits/${c.sha}`,
      html_url: `${web(r)}/commit/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: sha1(`tree ${c.sha}`), url: `${api(r)}/git/trees/${sha1(`tree ${c.sha}`)}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${api(r)}/git/commits/${p}`,
        html_url: `${web(r)}/commit/${p}`,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    };
  };

  const assetJson = (r: RepoGit, rel: Release, a: ReleaseAsset) => ({
    url: `${api(r)}/releases/assets/${a.id}`,
    browser_download_url: `${web(r)}/releases/download/${encodeURIComponent(rel.tagName)}/${encodeURIComponent(a.name)}`,
    id: a.id,
    node_id: nodeId('RA', a.id),
    name: a.name,
    label: a.label,
    state: 'uploaded',
    content_type: a.contentType,
    size: a.data.length,
    digest: `sha256:${createHash('sha256').update(a.data).digest('hex')}`,
    download_count: 0,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    uploader: double.simpleUser(a.uploader),
  });

  const releaseJson = (r: RepoGit, rel: Release) => ({
    url: `${api(r)}/releases/${rel.id}`,
    html_url: rel.draft
      ? `${web(r)}/releases/tag/untagged-${rel.id}`
      : `${web(r)}/releases/tag/${encodeURIComponent(rel.tagName)}`,
    assets_url: `${api(r)}/releases/${rel.id}/assets`,
    // The uploads host, with the RFC 6570 template GitHub appends; clients must use it as given.
    upload_url: `${double.uploadsUrl}/repos/${r.owner}/${r.repo}/releases/${rel.id}/assets{?name,label}`,
    tarball_url: `${api(r)}/tarball/${encodeURIComponent(rel.tagName)}`,
    zipball_url: `${api(r)}/zipball/${encodeURIComponent(rel.tagName)}`,
    id: rel.id,
    node_id: nodeId('RE', rel.id),
    tag_name: rel.tagName,
    target_commitish: rel.targetCommitish,
    name: rel.name,
    body: rel.body,
    draft: rel.draft,
    prerelease: rel.prerelease,
    immutable: false,
    created_at: rel.createdAt,
    published_at: rel.publishedAt,
    author: double.simpleUser(rel.author),
    assets: rel.assets.map((a) => assetJson(r, rel, a)),
  });

  const releaseOf = (req: DoubleRequest): [RepoGit, Release | undefined] => {
    const r = repoOf(req);
    return [r, r.releases.get(Number(req.params.release_id))];
  };

  double.route('git/get-commit', (req) => {
    const r = repoOf(req);
    const c = r.commits.get(req.params.commit_sha);
    return c ? { status: 200, body: commitJson(r, c) } : notFound();
  });

  double.route('git/get-ref', (req) => {
    const r = repoOf(req);
    const ref = r.refs.get(req.params.ref);
    return ref ? { status: 200, body: refJson(r, req.params.ref, ref) } : notFound();
  });

  double.route('git/list-matching-refs', (req) => {
    const r = repoOf(req);
    const list = [...r.refs.entries()]
      .filter(([name]) => name.startsWith(req.params.ref))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, ref]) => refJson(r, name, ref));
    return paged(double, req, list, `${api(r)}/git/matching-refs/${req.params.ref}`);
  });

  double.route('git/create-ref', (req) => {
    const r = repoOf(req);
    const { ref, sha } = req.body as { ref: string; sha: string };
    if (!/^refs\/[^/]+\/.+/.test(ref)) return unprocessable(`${ref} is not a valid ref name.`);
    const name = ref.slice('refs/'.length);
    if (r.refs.has(name)) return unprocessable('Reference already exists');
    const type = r.tagObjects.has(sha) ? 'tag' : r.commits.has(sha) ? 'commit' : undefined;
    if (!type) return unprocessable('Object does not exist');
    r.refs.set(name, { type, sha });
    return { status: 201, body: refJson(r, name, { type, sha }) };
  });

  double.route('git/update-ref', (req) => {
    const r = repoOf(req);
    const name = req.params.ref;
    const current = r.refs.get(name);
    if (!current) return unprocessable('Reference does not exist');
    const { sha, force } = req.body as { sha: string; force?: boolean };
    const type = r.tagObjects.has(sha) ? 'tag' : r.commits.has(sha) ? 'commit' : undefined;
    if (!type) return unprocessable('Object does not exist');
    // Fast-forward only, unless forced: the new commit must descend from the current one.
    if (!force && current.sha !== sha) {
      let descends = false;
      const queue = [sha];
      for (let i = 0; queue.length && i < 10_000 && !descends; i++) {
        const c = r.commits.get(queue.shift()!);
        if (!c) continue;
        if (c.parents.includes(current.sha)) descends = true;
        queue.push(...c.parents);
      }
      if (!descends) return unprocessable('Update is not a fast forward');
    }
    r.refs.set(name, { type, sha });
    return { status: 200, body: refJson(r, name, { type, sha }) };
  });

  double.route('git/delete-ref', (req) => {
    const r = repoOf(req);
    if (!r.refs.delete(req.params.ref)) return unprocessable('Reference does not exist');
    return { status: 204 };
  });

  double.route('git/create-tag', (req) => {
    const r = repoOf(req);
    const b = req.body as {
      tag: string;
      message: string;
      object: string;
      type: 'commit' | 'tree' | 'blob';
      tagger?: { name: string; email: string; date?: string };
    };
    if (b.type !== 'commit' || !r.commits.has(b.object)) return unprocessable('Object does not exist');
    const tagger = {
      name: b.tagger?.name ?? 'github-actions[bot]',
      email: b.tagger?.email ?? '41898282+github-actions[bot]@users.noreply.github.com',
      date: b.tagger?.date ?? git.now(),
    };
    const sha = sha1(`tag ${b.tag}\nobject ${b.object}\n${tagger.date}\n${b.message}`);
    const t: GitTagObject = {
      sha,
      tag: b.tag,
      message: b.message,
      object: { sha: b.object, type: b.type },
      tagger,
    };
    r.tagObjects.set(sha, t);
    return { status: 201, body: tagJson(r, t) };
  });

  double.route('git/get-tag', (req) => {
    const r = repoOf(req);
    const t = r.tagObjects.get(req.params.tag_sha);
    return t ? { status: 200, body: tagJson(r, t) } : notFound();
  });

  double.route('repos/list-pull-requests-associated-with-commit', (req) => {
    const r = repoOf(req);
    const pulls = r.commitPulls.get(req.params.commit_sha) ?? [];
    const example = double.exampleOf('pull-request-simple') as Record<string, unknown>;
    const list = pulls.map((p) => {
      const body = structuredClone(example);
      // GitHub's own example lists a team without the "type" its schema requires: leave teams out.
      body.requested_teams = [];
      return {
        ...body,
        number: p.number,
        title: p.title,
        url: `${api(r)}/pulls/${p.number}`,
        html_url: `${web(r)}/pull/${p.number}`,
        state: 'closed',
        labels: p.labels.map((name, i) => ({
          id: 208045946 + i,
          node_id: nodeId('LA', `${p.number}-${name}`),
          url: `${api(r)}/labels/${encodeURIComponent(name)}`,
          name,
          description: '',
          color: 'f29513',
          default: false,
        })),
      };
    });
    return paged(double, req, list, `${api(r)}/commits/${req.params.commit_sha}/pulls`);
  });

  double.route('repos/list-releases', (req) => {
    const r = repoOf(req);
    const all = [...r.releases.values()].sort((a, b) => b.id - a.id).map((rel) => releaseJson(r, rel));
    return paged(double, req, all, `${api(r)}/releases`);
  });

  double.route('repos/get-release-by-tag', (req) => {
    const r = repoOf(req);
    // Drafts are not found by tag (GitHub: they have no tag yet).
    const rel = [...r.releases.values()].find((x) => x.tagName === req.params.tag && !x.draft);
    return rel ? { status: 200, body: releaseJson(r, rel) } : notFound();
  });

  double.route('repos/create-release', (req) => {
    const r = repoOf(req);
    const b = req.body as {
      tag_name: string;
      target_commitish?: string;
      name?: string;
      body?: string;
      draft?: boolean;
      prerelease?: boolean;
    };
    if ([...r.releases.values()].some((x) => x.tagName === b.tag_name))
      return unprocessable('Validation Failed', [
        { resource: 'Release', code: 'already_exists', field: 'tag_name' },
      ]);
    const draft = b.draft ?? false;
    const target = b.target_commitish ?? r.defaultBranch;
    if (!draft && !r.refs.has(`tags/${b.tag_name}`)) {
      // GitHub creates a lightweight tag at target_commitish when the tag does not exist yet.
      const sha = r.commits.has(target) ? target : r.refs.get(`heads/${target}`)?.sha;
      if (!sha)
        return unprocessable('Validation Failed', [
          { resource: 'Release', code: 'invalid', field: 'target_commitish' },
        ]);
      r.refs.set(`tags/${b.tag_name}`, { type: 'commit', sha });
    }
    const now = git.now();
    const rel: Release = {
      id: double.nextId(),
      owner: r.owner,
      repo: r.repo,
      tagName: b.tag_name,
      targetCommitish: target,
      name: b.name ?? b.tag_name,
      body: b.body ?? null,
      draft,
      prerelease: b.prerelease ?? false,
      author: double.identity,
      createdAt: now,
      publishedAt: draft ? null : now,
      assets: [],
    };
    r.releases.set(rel.id, rel);
    return {
      status: 201,
      body: releaseJson(r, rel),
      headers: { location: `${api(r)}/releases/${rel.id}` },
    };
  });

  double.route('repos/update-release', (req) => {
    const [r, rel] = releaseOf(req);
    if (!rel) return notFound();
    const b = req.body as { name?: string; body?: string; draft?: boolean; prerelease?: boolean };
    if (b.name !== undefined) rel.name = b.name;
    if (b.body !== undefined) rel.body = b.body;
    if (b.prerelease !== undefined) rel.prerelease = b.prerelease;
    if (b.draft === false && rel.draft) {
      rel.draft = false;
      rel.publishedAt = git.now();
    }
    return { status: 200, body: releaseJson(r, rel) };
  });

  double.route('repos/list-release-assets', (req) => {
    const [r, rel] = releaseOf(req);
    if (!rel) return notFound();
    return paged(
      double,
      req,
      rel.assets.map((a) => assetJson(r, rel, a)),
      `${api(r)}/releases/${rel.id}/assets`,
    );
  });

  double.route('repos/get-release-asset', (req) => {
    const r = repoOf(req);
    const id = Number(req.params.asset_id);
    const rel = [...r.releases.values()].find((x) => x.assets.some((a) => a.id === id));
    const asset = rel?.assets.find((a) => a.id === id);
    if (!rel || !asset) return notFound();
    if (String(req.headers.accept ?? '').includes('application/octet-stream'))
      return { status: 302, headers: { location: `${double.downloadsUrl}/${id}` } };
    return { status: 200, body: assetJson(r, rel, asset) };
  });

  double.route('repos/upload-release-asset', (req) => {
    const [r, rel] = releaseOf(req);
    if (!rel) return notFound();
    const name = req.query.get('name') ?? '';
    if (rel.assets.some((a) => a.name === name))
      return unprocessable('Validation Failed', [
        { resource: 'ReleaseAsset', code: 'already_exists', field: 'name' },
      ]);
    const asset: ReleaseAsset = {
      id: double.nextId(),
      releaseId: rel.id,
      name,
      label: req.query.get('label'),
      contentType: String(req.headers['content-type']),
      data: req.body as Buffer,
      uploader: double.identity,
      createdAt: git.now(),
    };
    rel.assets.push(asset);
    return { status: 201, body: assetJson(r, rel, asset) };
  });
}
