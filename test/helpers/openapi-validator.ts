/**
 * GitHub's REST API description (`@octokit/openapi`, `generated/api.github.com.json`, OpenAPI 3.0.3) as a
 * validator: find the operation a request names, and check its path and query parameters and JSON body
 * against the operation's schemas — and, for a test double's answers, the response against the
 * operation's response schema. GitHub's GraphQL API is validated against its published schema
 * (`@octokit/graphql-schema`) with graphql-js: the document, and the variables against their types.
 *
 * Only the one JSON file is read (the package's index would load every variant, ~385 MB). It is parsed
 * once per process (about 0.3 s) and schemas are compiled on first use.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema,
  getVariableValues,
  parse as parseGraphql,
  validate as validateGraphql,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

const MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  template: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface MatchedRequest {
  operation: Operation;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

interface Route {
  regex: RegExp;
  names: string[];
  /** Literal characters: a template with more literal text wins (`/repos/{o}/{r}/issues/comments/{id}` over `/repos/{o}/{r}/issues/{n}`). */
  literal: number;
  byMethod: Map<string, Operation>;
}

let cached: OpenApiValidator | undefined;

/** The validator for api.github.com (loaded once per process). */
export function githubOpenApi(): OpenApiValidator {
  cached ??= new OpenApiValidator(join(MODULES, '@octokit/openapi/generated/api.github.com.json'));
  return cached;
}

export class OpenApiValidator {
  readonly spec: Json;
  private readonly routes: Route[] = [];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
    // OpenAPI 3.0 schemas: `nullable` is understood; `example`, `x-github` and friends are ignored.
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, validateSchema: false });
    this.ajv.addSchema(this.spec, 'github');
    for (const [template, item] of Object.entries(this.spec.paths as Record<string, Record<string, Json>>)) {
      const names: string[] = [];
      const pattern = template
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{([^}]+)\\?\}/g, (_m, n: string) => {
          names.push(n);
          return '([^/]+)';
        });
      const byMethod = new Map<string, Operation>();
      const shared = (item.parameters ?? []) as unknown as Json[];
      for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head']) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        byMethod.set(method.toUpperCase(), {
          operationId: String(op.operationId),
          method: method.toUpperCase(),
          template,
          parameters: [...shared, ...((op.parameters ?? []) as Json[])].map(
            (p) => this.deref(p) as unknown as Parameter,
          ),
          requestBody: op.requestBody
            ? (this.deref(op.requestBody as Json) as Operation['requestBody'])
            : undefined,
          responses: Object.fromEntries(
            Object.entries((op.responses ?? {}) as Record<string, Json>).map(([k, v]) => [k, this.deref(v)]),
          ) as Operation['responses'],
        });
      }
      this.routes.push({
        regex: new RegExp(`^${pattern}$`),
        names,
        literal: template.replace(/\{[^}]+\}/g, '').length,
        byMethod,
      });
    }
    this.routes.sort((a, b) => b.literal - a.literal);
  }

  /** Follow a local `$ref` (`#/components/parameters/owner`). */
  private deref(value: Json): Json {
    let v = value;
    for (let i = 0; i < 10 && typeof v.$ref === 'string'; i++) {
      const path = (v.$ref as string).replace(/^#\//, '').split('/');
      v = path.reduce<Json>(
        (o, k) => (o as Record<string, Json>)[k.replace(/~1/g, '/').replace(/~0/g, '~')],
        this.spec,
      );
    }
    return v;
  }

  /** Compile a schema of the spec, referring to the spec's components by `github#/…`. */
  private compile(key: string, schema: Json): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      const rewrite = (x: unknown): unknown =>
        Array.isArray(x)
          ? x.map(rewrite)
          : x && typeof x === 'object'
            ? Object.fromEntries(
                Object.entries(x).map(([k, v]) => [
                  k,
                  k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `github${v}` : rewrite(v),
                ]),
              )
            : x;
      fn = this.ajv.compile(rewrite(schema) as Json);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private check(key: string, schema: Json | undefined, value: unknown, where: string): string[] {
    if (!schema) return [];
    const fn = this.compile(key, schema);
    if (fn(value)) return [];
    return (fn.errors ?? [])
      .slice(0, 3)
      .map(
        (e) =>
          `${where}${e.instancePath || ''}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
  }

  /** The operation for `method` + `path` (no query string), or undefined. */
  match(method: string, path: string): MatchedRequest | undefined {
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const operation = route.byMethod.get(method.toUpperCase());
      if (!operation) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { operation, params };
    }
    return undefined;
  }

  /** Coerce a path or query string to the parameter's schema type, for validation. */
  private coerce(value: string, schema: Json | undefined): unknown {
    const type = schema?.type;
    if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
    return value;
  }

  /**
   * Every problem of a request against the description (empty when valid): an unknown route or method,
   * path and query parameters (unknown, missing, wrong type or value), and the JSON body.
   */
  validateRequest(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { match?: MatchedRequest; problems: string[] } {
    const match = this.match(method, path);
    if (!match) return { problems: [`${method} ${path}: no such operation in GitHub's REST API`] };
    const { operation, params } = match;
    const problems: string[] = [];
    const id = operation.operationId;
    for (const p of operation.parameters) {
      if (p.in === 'path') {
        problems.push(
          ...this.check(
            `${id}:path:${p.name}`,
            p.schema,
            this.coerce(params[p.name] ?? '', p.schema),
            `path parameter ${p.name}`,
          ),
        );
      } else if (p.in === 'query') {
        const value = query.get(p.name);
        if (value === null) {
          if (p.required) problems.push(`query parameter ${p.name} is required`);
          continue;
        }
        problems.push(
          ...this.check(
            `${id}:query:${p.name}`,
            p.schema,
            this.coerce(value, p.schema),
            `query parameter ${p.name}`,
          ),
        );
      }
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of query.keys())
      if (!known.has(name)) problems.push(`query parameter ${name} is not defined for ${id}`);
    const content = operation.requestBody?.content?.['application/json'];
    if (body === undefined) {
      if (operation.requestBody?.required) problems.push(`${id} needs a JSON body`);
    } else if (!content) problems.push(`${id} takes no JSON body`);
    else problems.push(...this.check(`${id}:body`, content.schema, body, 'body'));
    return { match, problems: problems.map((p) => `${method} ${path} (${id}): ${p}`) };
  }

  /** Problems of a response body against the operation's response schema for `status`. */
  validateResponse(operation: Operation, status: number, body: unknown): string[] {
    const response = operation.responses[String(status)];
    if (!response) return [`${operation.operationId}: status ${status} is not a documented response`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema)
      return body === undefined || body === ''
        ? []
        : [`${operation.operationId} ${status}: no JSON body is documented`];
    return this.check(
      `${operation.operationId}:response:${status}`,
      schema,
      body,
      `${operation.operationId} ${status} response`,
    );
  }
}

let graphqlSchema: GraphQLSchema | undefined;

/** GitHub's GraphQL schema (from @octokit/graphql-schema's introspection JSON). */
export function githubGraphqlSchema(): GraphQLSchema {
  graphqlSchema ??= buildClientSchema(
    JSON.parse(readFileSync(join(MODULES, '@octokit/graphql-schema/schema.json'), 'utf8')),
  );
  return graphqlSchema;
}

/** Problems of a GraphQL request (empty when valid): the document against the schema, then the variables. */
export function validateGraphqlRequest(
  query: unknown,
  variables: unknown,
): { problems: string[]; operation?: OperationDefinitionNode } {
  if (typeof query !== 'string') return { problems: ['GraphQL: "query" must be a string'] };
  let doc;
  try {
    doc = parseGraphql(query);
  } catch (e) {
    return { problems: [`GraphQL syntax: ${(e as Error).message}`] };
  }
  const schema = githubGraphqlSchema();
  const errors = validateGraphql(schema, doc).map((e) => `GraphQL: ${e.message}`);
  if (errors.length) return { problems: errors };
  const operation = doc.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) return { problems: ['GraphQL: no operation in the document'] };
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    (variables ?? {}) as Record<string, unknown>,
  );
  if (coerced.errors)
    return { problems: coerced.errors.map((e) => `GraphQL variables: ${e.message}`), operation };
  return { problems: [], operation };
}
