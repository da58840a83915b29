/**
 * Registry credentials and challenges. Credentials come from `--username` + `--password-stdin` (or the
 * action's inputs), else from Docker's `config.json` (`$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`): `auths[host].auth` or `username`/`password`, or a credential helper
 * (`credHelpers[host]` / `credsStore`, run as `docker-credential-<name> get` with no shell).
 * Challenges (`WWW-Authenticate`) are parsed per RFC 7235: `Basic realm=…` or `Bearer realm=…,service=…,scope=…`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../core/errors.js';
import { parseJsonText } from '../../../core/json-file.js';
import { visible } from '../../../core/visible.js';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for messages (`--username`, `~/.docker/config.json`). */
  source: string;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Split at commas outside double quotes. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') {
      cur += c + (text[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items.map((x) => x.trim()).filter(Boolean);
}

/** Parse a WWW-Authenticate header into its challenges (scheme lower-cased, parameter names lower-cased). */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  for (let item of splitItems(header)) {
    const scheme = /^([\w!#$%&'*+.^`|~-]+)(?:\s+|$)(?!=)/.exec(item);
    if (scheme && !/^[\w-]+\s*=/.test(item)) {
      out.push({ scheme: scheme[1].toLowerCase(), params: {} });
      item = item.slice(scheme[0].length);
      if (!item) continue;
    }
    const kv = /^([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S*))$/.exec(item);
    if (kv && out.length)
      out[out.length - 1].params[kv[1].toLowerCase()] =
        kv[2] !== undefined ? kv[2].replace(/\\(.)/g, '$1') : kv[3];
  }
  return out;
}

function configDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

/** The keys Docker may have used for `host` in `auths` (Docker Hub has a legacy URL form). */
function hostKeys(host: string): string[] {
  if (host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io')
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

function credentialHelper(name: string, host: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (!/^[\w.-]+$/.test(name))
    throw new InputError(`docker config: credential helper "${visible(name)}" is not a plain name`);
  const r = spawnSync(`docker-credential-${name}`, ['get'], {
    input: host,
    encoding: 'utf8',
    env,
    timeout: 30_000,
    shell: false,
  });
  if (r.error || r.status !== 0) return undefined;
  try {
    const j = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    if (j.Username && j.Secret)
      return { username: j.Username, password: j.Secret, source: `docker-credential-${name}` };
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Credentials for `host` from Docker's config file, or undefined when it has none for that host.
 * @throws DataFormatError when config.json exists but is not valid JSON (line and column named)
 */
export function dockerConfigCredentials(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Credentials | undefined {
  const file = join(configDir(env), 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const config = parseJsonText(text, file) as {
    auths?: Record<string, { auth?: string; username?: string; password?: string }>;
    credHelpers?: Record<string, string>;
    credsStore?: string;
  };
  const keys = hostKeys(host);
  const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean);
  if (helper) return credentialHelper(helper, host, env);
  for (const k of keys) {
    const entry = config.auths?.[k];
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0)
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: file };
    }
    if (entry.username && entry.password)
      return { username: entry.username, password: entry.password, source: file };
  }
  if (config.credsStore) return credentialHelper(config.credsStore, host, env);
  return undefined;
}
