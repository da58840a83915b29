/**
 * A local stand-in for GitHub's API, for tests: an HTTP server on 127.0.0.1 (a random port) that
 *
 * - validates EVERY request against GitHub's own API descriptions — REST against the OpenAPI document of
 *   `@octokit/openapi` (operation, path and query parameters, JSON body), GraphQL against the schema of
 *   `@octokit/graphql-schema` (document and variables). A request that does not validate is answered
 *   422 and recorded in `problems`; tests assert that list is empty;
 * - answers from a route table keyed by the OpenAPI `operationId`, with bodies checked against the
 *   operation's response schema (a double that answers off-spec fails loudly), and GraphQL from a root
 *   value executed by graphql-js against the real schema;
 * - keeps state: users, pull requests, issue comments (a pull request can be seeded with 70 comments to
 *   exercise pagination), minimized comments;
 * - injects faults on chosen operations: a primary rate limit (403, `x-ratelimit-remaining: 0`), a
 *   secondary rate limit (403 with `retry-after`), a 502, or any status;
 * - records every request (`requests`) for assertions, and checks the token on each one.
 *
 * Extending it (e.g. releases): `double.route('repos/create-release', (req, double) => ({ status: 201,
 * body: … }))` adds or replaces the handler of an operation; the request is validated before the handler
 * runs and the answer after. `double.state` is plain data the handlers share; `nextId()` gives ids.
 * `exampleOf('release')` returns GitHub's own example object of a schema, a good base for an answer.
 *
 * The REST base is `double.url` (set `GITHUB_API_URL` to it), GraphQL is `double.graphqlUrl`
 * (`GITHUB_GRAPHQL_URL`); web links (`html_url`) use `double.webUrl`.
 *
 * Releases live on three hosts, as on GitHub: the API, an uploads host (`double.uploadsUrl`, a server of
 * its own on another port, like uploads.github.com or GHES's `/api/uploads`) that takes release assets at
 * the `upload_url` a release names — an upload sent to the API host is a problem — and a download host
 * that the API redirects asset downloads to (302) and that must never see the token. Git data (commits,
 * refs, annotated tags), releases and assets are kept per repository in `double.git`
 * (test/helpers/github-double-git.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse as parseGraphql } from 'graphql';
import { GitState, installGitRoutes } from './github-double-git.js';
import type { DoubleRequest, DoubleResponse, User } from './github-double-types.js';

export type { DoubleRequest, DoubleResponse, User } from './github-double-types.js';
import {
  githubGraphqlSchema,
  githubOpenApi,
  validateGraphqlRequest,
  type Operation,
} from './openapi-validator.js';

export type RouteHandler = (req: DoubleRequest, double: GitHubDouble) => DoubleResponse;

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  operationId: string;
  body: unknown;
  status: number;
}

export type Fault =
  | { kind: 'rate-limit' }
  | { kind: 'secondary-rate-limit' }
  | { kind: 'status'; status: number; message?: string };

export interface Comment {
  id: number;
  node_id: string;
  owner: string;
  repo: string;
  issue_number: number;
  body: string;
  user: User;
  created_at: string;
  updated_at: string;
  minimized: boolean;
}

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** `owner/repo` of the head (a fork for a fork's pull request). */
  headRepo: string;
  headRef: string;
}

export interface DoubleState {
  comments: Map<number, Comment>;
  pulls: Map<string, PullRequest>;
  users: Map<string, User>;
  [extra: string]: unknown;
}

/** The bot a workflow's GITHUB_TOKEN acts as (REST login with `[bot]`, GraphQL without). */
export const ACTIONS_BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

const T0 = Date.parse('2026-11-25T11:00:00Z');

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString('base64url')}`;
}

export class GitHubDouble {
  readonly state: DoubleState = { comments: new Map(), pulls: new Map(), users: new Map() };
  /** Commits, refs, annotated tags, releases and their assets, per repository. */
  readonly git = new GitState();
  readonly requests: RecordedRequest[] = [];
  /** Requests (or answers) that did not match GitHub's description; a test asserts this stays empty. */
  readonly problems: string[] = [];
  /** The identity the token acts as. */
  identity: User = ACTIONS_BOT;
  /** The token every request must carry (`Authorization: token …` or `Bearer …`). */
  token = 'ghs_doubleToken0123456789abcdefABCDEF';
  /**
   * The most a page holds (GitHub: 100). Lower it to make a short list span several pages: a server may
   * always return fewer than `per_page`, and clients must follow the Link header.
   */
  maxPerPage = 100;
  url = '';
  graphqlUrl = '';
  webUrl = '';
  /** The uploads host: `upload_url` of every release points here (another port than the API). */
  uploadsUrl = '';
  /** Where asset downloads are redirected to (on the uploads server, without the token). */
  downloadsUrl = '';
  private server?: Server;
  private uploadsServer?: Server;
  private readonly routes = new Map<string, RouteHandler>();
  private readonly faults: { operationId: string; fault: Fault; times: number }[] = [];
  private lastId = 9_000_000;
  private clock = 0;

  static async start(): Promise<GitHubDouble> {
    const d = new GitHubDouble();
    d.installDefaultRoutes();
    installGitRoutes(d);
    const listen = (host: 'api' | 'uploads') =>
      new Promise<Server>((resolve) => {
        const server = createServer((req, res) => void d.handle(req, res, host));
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    d.server = await listen('api');
    d.uploadsServer = await listen('uploads');
    const { port } = d.server.address() as AddressInfo;
    const uploadsPort = (d.uploadsServer.address() as AddressInfo).port;
    d.url = `http://127.0.0.1:${port}/api/v3`;
    d.graphqlUrl = `http://127.0.0.1:${port}/api/graphql`;
    d.webUrl = `http://127.0.0.1:${port}`;
    d.uploadsUrl = `http://127.0.0.1:${uploadsPort}/api/uploads`;
    d.downloadsUrl = `http://127.0.0.1:${uploadsPort}/downloads`;
    return d;
  }

  async close(): Promise<void> {
    for (const server of [this.server, this.uploadsServer])
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      });
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** Add or replace the handler of an OpenAPI operation. */
  route(operationId: string, handler: RouteHandler): void {
    this.routes.set(operationId, handler);
  }

  /** The current handler of an operation, e.g. to wrap it in a test. */
  routeOf(operationId: string): RouteHandler | undefined {
    return this.routes.get(operationId);
  }

  /** Answer the next `times` requests to `operationId` with `fault` instead. */
  inject(operationId: string, fault: Fault, times = 1): void {
    this.faults.push({ operationId, fault, times });
  }

  /** GitHub's example object for a schema of the description (`issue-comment`, `pull-request`, …). */
  exampleOf(name: string): Record<string, unknown> {
    const examples = (githubOpenApi().spec.components as Record<string, Record<string, { value: unknown }>>)
      .examples;
    const example = examples[name];
    if (!example) throw new Error(`no example "${name}" in GitHub's OpenAPI description`);
    return structuredClone(example.value) as Record<string, unknown>;
  }

  /** A user as the REST API shows one (`simple-user`). */
  simpleUser(u: User): Record<string, unknown> {
    const api = `${this.url}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId(u.type === 'Bot' ? 'BOT' : 'U', u.id),
      avatar_url: `${this.webUrl}/avatars/u/${u.id}`,
      gravatar_id: '',
      url: api,
      html_url: `${this.webUrl}/${u.type === 'Bot' ? 'apps/' : ''}${encodeURIComponent(u.login.replace(/\[bot\]$/, ''))}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      site_admin: false,
    };
  }

  /** A pull request that comments can be written to; `comments` pre-existing comments by `commenter`. */
  seedPullRequest(
    pr: Partial<PullRequest> & { number: number; comments?: number; commenter?: User },
  ): PullRequest {
    const full: PullRequest = {
      owner: pr.owner ?? 'acme-ml',
      repo: pr.repo ?? 'churn-model',
      number: pr.number,
      headSha: pr.headSha ?? '3f1c0a9d2b7e4c5a8e6f1d2c3b4a5968778695a4',
      headRepo: pr.headRepo ?? `${pr.owner ?? 'acme-ml'}/${pr.repo ?? 'churn-model'}`,
      headRef: pr.headRef ?? 'retrain-usage',
    };
    this.state.pulls.set(`${full.owner}/${full.repo}#${full.number}`, full);
    const commenter = pr.commenter ?? { login: 'dana-ds', id: 51234567, type: 'User' };
    for (let i = 0; i < (pr.comments ?? 0); i++)
      this.addComment(full, `Looks good to me (${i + 1})`, commenter);
    return full;
  }

  /** A comment written by `user` (as if through the web UI). */
  addComment(
    pr: Pick<PullRequest, 'owner' | 'repo' | 'number'>,
    body: string,
    user: User = this.identity,
  ): Comment {
    const id = this.nextId();
    const at = new Date(T0 + ++this.clock * 1000).toISOString();
    const c: Comment = {
      id,
      node_id: nodeId('IC', id),
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body,
      user,
      created_at: at,
      updated_at: at,
      minimized: false,
    };
    this.state.comments.set(id, c);
    return c;
  }

  /** The comments of a pull request, oldest first. */
  commentsOf(pr: Pick<PullRequest, 'number'>): Comment[] {
    return [...this.state.comments.values()]
      .filter((c) => c.issue_number === pr.number)
      .sort((a, b) => a.id - b.id);
  }

  /** A comment as the REST API shows one (`issue-comment`). */
  commentJson(c: Comment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: c.node_id,
      url: `${this.url}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
      html_url: `${this.webUrl}/${c.owner}/${c.repo}/pull/${c.issue_number}#issuecomment-${c.id}`,
      body: c.body,
      user: this.simpleUser(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      issue_url: `${this.url}/repos/${c.owner}/${c.repo}/issues/${c.issue_number}`,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private notFound(what: string): DoubleResponse {
    return {
      status: 404,
      body: { message: `Not Found: ${what}`, documentation_url: 'https://docs.github.com/rest' },
    };
  }

  private pullOf(req: DoubleRequest): PullRequest | undefined {
    const n = Number(req.params.issue_number ?? req.params.pull_number);
    return this.state.pulls.get(`${req.params.owner}/${req.params.repo}#${n}`);
  }

  private commentOf(req: DoubleRequest): Comment | undefined {
    const c = this.state.comments.get(Number(req.params.comment_id));
    return c && c.owner === req.params.owner && c.repo === req.params.repo ? c : undefined;
  }

  private installDefaultRoutes(): void {
    this.route('issues/list-comments', (req) => {
      const pr = this.pullOf(req);
      if (!pr) return this.notFound('issue');
      const perPage = Math.min(this.maxPerPage, Number(req.query.get('per_page') ?? 30));
      const page = Number(req.query.get('page') ?? 1);
      const all = this.commentsOf(pr);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const links: string[] = [];
      const link = (p: number, rel: string) =>
        `<${this.url}/repos/${pr.owner}/${pr.repo}/issues/${pr.number}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
      if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
      if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
      return {
        status: 200,
        body: all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(c)),
        headers: links.length ? { link: links.join(', ') } : {},
      };
    });
    this.route('issues/create-comment', (req) => {
      const pr = this.pullOf(req);
      if (!pr) return this.notFound('issue');
      const body = (req.body as { body: string }).body;
      if (body.length > 65_536)
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'IssueComment',
                code: 'custom',
                field: 'body',
                message: 'body is too long (maximum is 65536 characters)',
              },
            ],
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      return { status: 201, body: this.commentJson(this.addComment(pr, body, this.identity)) };
    });
    this.route('issues/get-comment', (req) => {
      const c = this.commentOf(req);
      return c ? { status: 200, body: this.commentJson(c) } : this.notFound('comment');
    });
    this.route('issues/update-comment', (req) => {
      const c = this.commentOf(req);
      if (!c) return this.notFound('comment');
      // GitHub lets only the author (or a maintainer token) edit; a workflow token is never a maintainer here.
      if (c.user.id !== this.identity.id)
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      const body = (req.body as { body: string }).body;
      if (body.length > 65_536)
        return {
          status: 422,
          body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
        };
      c.body = body;
      c.updated_at = new Date(T0 + ++this.clock * 1000).toISOString();
      return { status: 200, body: this.commentJson(c) };
    });
    this.route('issues/delete-comment', (req) => {
      const c = this.commentOf(req);
      if (!c) return this.notFound('comment');
      if (c.user.id !== this.identity.id)
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      this.state.comments.delete(c.id);
      return { status: 204 };
    });
    this.route('pulls/get', (req) => {
      const pr = this.pullOf(req);
      if (!pr) return this.notFound('pull request');
      const body = this.exampleOf('pull-request');
      // GitHub's own example lists a team without the "type" its schema requires: leave teams out.
      body.requested_teams = [];
      const head = body.head as Record<string, unknown>;
      const [headOwner, headName] = pr.headRepo.split('/');
      Object.assign(body, {
        number: pr.number,
        url: `${this.url}/repos/${pr.owner}/${pr.repo}/pulls/${pr.number}`,
        html_url: `${this.webUrl}/${pr.owner}/${pr.repo}/pull/${pr.number}`,
      });
      head.sha = pr.headSha;
      head.ref = pr.headRef;
      head.label = `${headOwner}:${pr.headRef}`;
      head.repo = {
        ...(head.repo as object),
        name: headName,
        full_name: pr.headRepo,
        fork: pr.headRepo !== `${pr.owner}/${pr.repo}`,
      };
      return { status: 200, body };
    });
  }

  /** The GraphQL root: what `query { … }` and `mutation { … }` resolve against. */
  private graphqlRoot(): Record<string, unknown> {
    const byNode = (id: string) => [...this.state.comments.values()].find((c) => c.node_id === id);
    return {
      viewer: {
        __typename: 'Bot',
        login: this.identity.login.replace(/\[bot\]$/, ''),
        databaseId: this.identity.id,
      },
      nodes: ({ ids }: { ids: string[] }) =>
        ids.map((id) => {
          const c = byNode(id);
          return c ? { __typename: 'IssueComment', id: c.node_id, isMinimized: c.minimized } : null;
        }),
      minimizeComment: ({ input }: { input: { subjectId: string; classifier: string } }) => {
        const c = byNode(input.subjectId);
        if (!c) throw new Error(`Could not resolve to a node with the global id of '${input.subjectId}'`);
        if (c.user.id !== this.identity.id) throw new Error('Resource not accessible by integration');
        c.minimized = true;
        return { minimizedComment: { __typename: 'IssueComment', isMinimized: true } };
      },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse, host: 'api' | 'uploads'): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = host === 'uploads' ? '' : bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const send = (r: DoubleResponse, recorded: Omit<RecordedRequest, 'status'>) => {
      this.requests.push({ ...recorded, status: r.status });
      const headers: Record<string, string> = {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-github-request-id': `DOUBLE:${this.requests.length}`,
        ...(r.headers ?? {}),
      };
      if (r.body === undefined) {
        res.writeHead(r.status, headers).end();
        return;
      }
      res
        .writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(r.body));
    };
    if (host === 'uploads') {
      const download = /^\/downloads\/(\d+)$/.exec(url.pathname);
      if (download && method === 'GET') return this.handleDownload(Number(download[1]), req, res, send);
    }
    let body: unknown;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        this.problems.push(`${method} ${url.pathname}: the body is not JSON`);
        return send(
          { status: 400, body: { message: 'Problems parsing JSON' } },
          { method, path: url.pathname, query: url.search, operationId: '?', body: raw },
        );
      }
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      this.problems.push(`${method} ${url.pathname}: missing or wrong Authorization header`);
      return send(
        {
          status: 401,
          body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
        },
        { method, path: url.pathname, query: url.search, operationId: '?', body },
      );
    }

    if (url.pathname === '/api/graphql')
      return send(this.handleGraphql(method, body), {
        method,
        path: url.pathname,
        query: url.search,
        operationId: 'graphql',
        body,
      });

    const prefix = host === 'uploads' ? '/api/uploads' : '/api/v3';
    const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    // An asset's body is its bytes (application/octet-stream), not JSON: only its host is checked.
    const isUpload =
      githubOpenApi().match(method, path)?.operation.operationId === 'repos/upload-release-asset';
    const { match, problems } = githubOpenApi().validateRequest(
      method,
      path,
      url.searchParams,
      isUpload ? undefined : body,
    );
    if (match && isUpload !== (host === 'uploads'))
      problems.push(
        isUpload
          ? `${method} ${path}: a release asset was sent to the API host; uploads go to the release's upload_url`
          : `${method} ${path}: the uploads host only takes release assets (${match.operation.operationId})`,
      );
    if (isUpload && host === 'uploads') {
      if (!req.headers['content-type'])
        problems.push(`${method} ${path}: an upload needs a Content-Type header`);
      body = bytes;
    }
    const recorded = {
      method,
      path,
      query: url.search,
      operationId: match?.operation.operationId ?? '?',
      body: Buffer.isBuffer(body) ? `<${body.length} bytes>` : body,
    };
    if (!match || problems.length) {
      this.problems.push(...problems);
      return send(
        {
          status: 422,
          body: {
            message: 'Validation Failed (GitHub double)',
            errors: problems,
            documentation_url: 'https://docs.github.com/rest',
          },
        },
        recorded,
      );
    }
    const fault = this.faults.find((f) => f.times > 0 && f.operationId === match.operation.operationId);
    if (fault) {
      fault.times--;
      return send(this.faultResponse(fault.fault), recorded);
    }
    const handler = this.routes.get(match.operation.operationId);
    if (!handler) {
      this.problems.push(`${method} ${path}: the double has no route for ${match.operation.operationId}`);
      return send(
        { status: 501, body: { message: `not implemented by the double: ${match.operation.operationId}` } },
        recorded,
      );
    }
    const request: DoubleRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: match.params,
      operationId: match.operation.operationId,
    };
    let answer: DoubleResponse;
    try {
      answer = handler(request, this);
    } catch (e) {
      this.problems.push(`${match.operation.operationId}: the handler threw ${(e as Error).message}`);
      answer = { status: 500, body: { message: 'double handler error' } };
    }
    if (answer.status < 400) this.checkAnswer(match.operation, answer);
    send(answer, recorded);
  }

  /**
   * The download host: serves an asset's bytes to whoever follows the API's redirect. GitHub's redirect
   * goes to another host with a signed URL, so a client that sends its token here leaks it.
   */
  private handleDownload(
    id: number,
    req: IncomingMessage,
    res: ServerResponse,
    send: (r: DoubleResponse, recorded: Omit<RecordedRequest, 'status'>) => void,
  ): void {
    const recorded = {
      method: 'GET',
      path: `/downloads/${id}`,
      query: '',
      operationId: 'download',
      body: undefined,
    };
    if (req.headers.authorization)
      this.problems.push(`GET /downloads/${id}: the token was sent to the download host`);
    const asset = this.git.assetById(id);
    if (!asset) return send({ status: 404, body: { message: 'Not Found' } }, recorded);
    this.requests.push({ ...recorded, status: 200 });
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(asset.data.length),
    });
    res.end(asset.data);
  }

  /** A double that answers off-spec would make the tests meaningless: record it as a problem. */
  private checkAnswer(operation: Operation, answer: DoubleResponse): void {
    const problems = githubOpenApi().validateResponse(operation, answer.status, answer.body);
    this.problems.push(...problems.map((p) => `the double's answer: ${p}`));
  }

  private faultResponse(fault: Fault): DoubleResponse {
    const docs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
    switch (fault.kind) {
      case 'rate-limit':
        // Reset already reached: the throttling plugin waits (reset - now + 1 s), i.e. about a second.
        return {
          status: 403,
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
          },
          body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: docs },
        };
      case 'secondary-rate-limit':
        return {
          status: 403,
          headers: { 'retry-after': '1' },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: docs,
          },
        };
      case 'status':
        return {
          status: fault.status,
          body: { message: fault.message ?? (fault.status === 502 ? 'Server Error' : 'Error') },
        };
    }
  }

  private handleGraphql(method: string, body: unknown): DoubleResponse {
    if (method !== 'POST') {
      this.problems.push(`GraphQL must be POSTed, got ${method}`);
      return { status: 404, body: { message: 'Not Found' } };
    }
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    const { problems } = validateGraphqlRequest(query, variables);
    if (problems.length) {
      this.problems.push(...problems);
      return { status: 200, body: { errors: problems.map((message) => ({ message })) } };
    }
    const fault = this.faults.find((f) => f.times > 0 && f.operationId === 'graphql');
    if (fault) {
      fault.times--;
      return this.faultResponse(fault.fault);
    }
    const result = execute({
      schema: githubGraphqlSchema(),
      document: parseGraphql(query as string),
      rootValue: this.graphqlRoot(),
      variableValues: variables,
    }) as { data?: unknown; errors?: readonly { message: string }[] };
    return {
      status: 200,
      body: {
        data: result.data ?? null,
        ...(result.errors?.length
          ? { errors: result.errors.map((e) => ({ message: e.message, type: 'FORBIDDEN' })) }
          : {}),
      },
    };
  }
}
