/**
 * The HTML report and the result files as a workflow artifact (`@actions/artifact`, the library behind
 * actions/upload-artifact), so the comment can link to everything it had to leave out. Outside a runner
 * (no ACTIONS_RUNTIME_TOKEN) the upload is skipped with a note, never a failure; a failed upload (a name
 * already used in this run, the service down) is a note too: the report itself is already written.
 */
import { describeApiError } from './client.js';

export interface ArtifactUpload {
  name: string;
  /** Absolute paths of the files, all inside `rootDirectory`. */
  files: string[];
  rootDirectory: string;
  env: Record<string, string | undefined>;
  retentionDays?: number;
}

export interface ArtifactOutcome {
  id?: number;
  /** The artifact's page in the run (downloads the zip). */
  url?: string;
  size?: number;
  note: string;
}

/** `<server>/<owner>/<repo>/actions/runs/<run>`: the run's page, or undefined outside a runner. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

export async function uploadArtifact(upload: ArtifactUpload): Promise<ArtifactOutcome> {
  if (!upload.env.ACTIONS_RUNTIME_TOKEN)
    return { note: 'not uploaded: no ACTIONS_RUNTIME_TOKEN (not running on a GitHub Actions runner)' };
  try {
    // Loaded only when there is something to upload: it is most of the bundle, and a local run never needs it.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const response = await client.uploadArtifact(upload.name, upload.files, upload.rootDirectory, {
      retentionDays: upload.retentionDays,
    });
    const run = runUrl(upload.env);
    const url = response.id !== undefined && run ? `${run}/artifacts/${response.id}` : undefined;
    return {
      id: response.id,
      url,
      size: response.size,
      note: `uploaded as artifact "${upload.name}"${response.size !== undefined ? ` (${Math.ceil(response.size / 1024)} KB)` : ''}`,
    };
  } catch (e) {
    return { note: `not uploaded: ${describeApiError(e).message}` };
  }
}
