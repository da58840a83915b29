/**
 * The request, response and user shapes of the GitHub API double, apart from the double itself so that
 * its route modules (test/helpers/github-double-git.ts) and the double share them without importing
 * each other.
 */
import type { IncomingMessage } from 'node:http';

export interface DoubleRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Path parameters by name (`owner`, `repo`, `issue_number`, …). */
  params: Record<string, string>;
  operationId: string;
}

export interface DoubleResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

/** What route modules need of the double: its addresses, ids, examples and a way to add routes. */
export interface DoubleHost {
  identity: User;
  maxPerPage: number;
  url: string;
  webUrl: string;
  uploadsUrl: string;
  downloadsUrl: string;
  nextId(): number;
  route(operationId: string, handler: (req: DoubleRequest) => DoubleResponse): void;
  exampleOf(name: string): Record<string, unknown>;
  simpleUser(u: User): Record<string, unknown>;
}
