/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): rule metadata with help and
 * `security-severity`, one result per finding with its location relative to the repository root
 * (`SRCROOT`), `partialFingerprints` so alerts follow a finding across commits, `baselineState` against
 * the baseline and `suppressions` for inline and configured ones. Checked against Microsoft's validator
 * with GitHub's ingestion rules (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`) in the tests.
 */
import { pathToFileURL } from 'node:url';
import { TOOL_VERSION } from '../../core/version.js';
import type { BaselineState } from './baseline.js';
import type { LintFinding } from './lint-repository.js';
import { RULES, type LintRule, type LintSeverity } from './rules.js';

/** Where the documentation of the rules lives (rule `helpUri`s point into it). */
export const DOCS_URI = 'https://github.com/model-ci/model-ci/blob/main/docs/lint.md';

const CATEGORY_TAG: Record<LintRule['category'], string> = {
  repository: 'maintainability',
  dockerfile: 'dockerfile',
  'model-files': 'security',
  notebooks: 'notebooks',
  secrets: 'security',
};

/** `pickle-dangerous-global` -> `PickleDangerousGlobal` (SARIF rule names are PascalCase by convention). */
function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function anchor(rule: LintRule): string {
  return `${DOCS_URI}#${rule.id.toLowerCase()}-${rule.name}`;
}

function ruleDescriptor(rule: LintRule, severity: LintSeverity | undefined) {
  const tags = [CATEGORY_TAG[rule.category], 'ml'];
  if (rule.securitySeverity !== undefined && !tags.includes('security')) tags.unshift('security');
  if (rule.hadolint) tags.push(`hadolint:${rule.hadolint}`);
  return {
    id: rule.id,
    name: pascal(rule.name),
    shortDescription: { text: rule.title.replace(/`/g, '') },
    fullDescription: { text: `${rule.title.replace(/`/g, '')}. ${rule.why}` },
    help: {
      text: `${rule.why}\n\nFix: ${rule.fix}${rule.hadolint ? `\n\nFollows hadolint ${rule.hadolint}.` : ''}`,
      markdown: `${rule.why}\n\n**Fix:** ${rule.fix}${rule.hadolint ? `\n\nFollows hadolint [${rule.hadolint}](https://github.com/hadolint/hadolint/wiki/${rule.hadolint}).` : ''}`,
    },
    helpUri: anchor(rule),
    defaultConfiguration: { level: severity ?? rule.severity, enabled: severity !== undefined },
    properties: {
      tags,
      precision: rule.category === 'secrets' || rule.id === 'MCI301' ? 'very-high' : 'high',
      'problem.severity':
        (severity ?? rule.severity) === 'note' ? 'recommendation' : (severity ?? rule.severity),
      ...(rule.securitySeverity !== undefined
        ? { 'security-severity': rule.securitySeverity.toFixed(1) }
        : {}),
    },
  };
}

/** A path relative to SRCROOT as a relative URI reference (each segment percent-encoded). */
export function relativeUri(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

export interface SarifInput {
  findings: readonly LintFinding[];
  states: readonly BaselineState[];
  /** Whether a baseline was compared (then results carry `baselineState`). */
  baseline: boolean;
  /** Effective severity of every enabled rule. */
  severity: ReadonlyMap<string, LintSeverity>;
  /** SRCROOT: the top of the Git work tree, or the linted folder. */
  srcRoot: string;
  /** The linted folder relative to SRCROOT (`''` when they are the same). */
  rootFromSrc: string;
}

export function toSarif(input: SarifInput): Record<string, unknown> {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const prefix = input.rootFromSrc ? `${input.rootFromSrc}/` : '';
  const results = input.findings.map((f, i) => {
    const file = f.file ? `${prefix}${f.file}` : input.rootFromSrc || '.';
    const region: Record<string, number> = { startLine: f.line ?? 1 };
    if (f.column) region.startColumn = f.column;
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: f.severity,
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: f.file ? relativeUri(file) : `${relativeUri(file)}/`,
              uriBaseId: 'SRCROOT',
            },
            region,
          },
        },
      ],
      partialFingerprints: { 'modelCiFingerprint/v1': f.fingerprint },
    };
    if (input.baseline) result.baselineState = input.states[i] === 'baselined' ? 'unchanged' : 'new';
    if (f.suppressed)
      result.suppressions = [
        {
          kind: f.suppressed.startsWith('inline') ? 'inSource' : 'external',
          justification: f.suppressed.replace(/^inline: /, ''),
        },
      ];
    return result;
  });
  const base = pathToFileURL(input.srcRoot).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'model-ci',
            fullName: 'model-ci lint',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: DOCS_URI,
            rules: RULES.map((r) => ruleDescriptor(r, input.severity.get(r.id))),
          },
        },
        automationDetails: { id: 'model-ci/lint/' },
        originalUriBaseIds: { SRCROOT: { uri: base.endsWith('/') ? base : `${base}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
