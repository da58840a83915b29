/**
 * What a release needs from the forge that hosts the repository: read and create tags, find and write
 * releases, their assets, and the pull requests a commit came from. The check only knows this interface;
 * `src/github/releases.ts` implements it over GitHub's REST API (the only code that talks to GitHub).
 */

export interface HostAsset {
  id: number;
  name: string;
  size: number;
  /** `sha256:<hex>` when the host reports it. */
  digest?: string;
  /** Where people download it. */
  downloadUrl: string;
}

export interface HostRelease {
  id: number;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  htmlUrl: string;
  /** The upload URL exactly as the API returned it (an RFC 6570 template, on its own host). */
  uploadUrl: string;
  assets: HostAsset[];
}

export interface RemoteTag {
  name: string;
  /** What the ref points at: a commit (lightweight tag) or a tag object (annotated tag). */
  object: { type: string; sha: string };
}

export interface ReleaseHost {
  /** `owner/repo`. */
  repository: string;
  /** Web address of the repository (`https://github.com/acme/churn`), for links. */
  webUrl?: string;
  /** Whether GitHub knows the commit (it was pushed). */
  commitExists(sha: string): Promise<boolean>;
  /** The commit a tag names (annotated tags peeled), or undefined when there is no such tag. */
  tagCommit(tag: string): Promise<string | undefined>;
  /** Tags whose name starts with `prefix`. */
  listTags(prefix: string): Promise<RemoteTag[]>;
  /** An annotated tag object on `commit`, and the ref `refs/tags/<tag>` to it. */
  createAnnotatedTag(tag: string, commit: string, message: string): Promise<void>;
  /** Point a lightweight tag at `commit`, creating or (forced) moving it. */
  moveTag(tag: string, commit: string): Promise<'created' | 'moved' | 'unchanged'>;
  /** The published release of a tag, or undefined. */
  findRelease(tag: string): Promise<HostRelease | undefined>;
  createRelease(release: {
    tag: string;
    commit: string;
    name: string;
    body: string;
    prerelease: boolean;
  }): Promise<HostRelease>;
  updateRelease(id: number, change: { body: string }): Promise<HostRelease>;
  listAssets(release: HostRelease): Promise<HostAsset[]>;
  uploadAsset(
    release: HostRelease,
    asset: { name: string; contentType: string; data: Buffer },
  ): Promise<HostAsset>;
  /** An asset's bytes (at most `maxBytes`). */
  downloadAsset(asset: HostAsset, maxBytes: number): Promise<Buffer>;
  /** Labels of the pull requests `commit` came from. */
  pullRequestLabels(commit: string): Promise<{ number: number; labels: string[] }[]>;
}
