import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const ORDER: CriticalityLevel[] = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking];

/** What changed from the committed schema to the composed one (graphql-inspector), breaking changes first. */
export async function schemaChanges(committedSdl: string, composedSdl: string): Promise<Change[]> {
  const changes = await diff(buildSchema(committedSdl), buildSchema(composedSdl));
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => ORDER.indexOf(a.change.criticality.level) - ORDER.indexOf(b.change.criticality.level) || a.index - b.index)
    .map(({ change }) => change);
}

/** One line per change: criticality, message, schema path and, for risky ones, graphql-inspector's reason. */
export function formatSchemaChange(change: Change): string {
  const reason = change.criticality.reason ? ` (${change.criticality.reason})` : '';
  return `  ${change.criticality.level.padEnd(12)} ${change.message}${change.path ? ` [${change.path}]` : ''}${reason}`;
}

/** The failure text: every change with its criticality, then how to accept them. */
export function describeSchemaChanges(changes: Change[], file: string, updateCommand: string): string {
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).length;
  const lines = changes.map(formatSchemaChange);
  const summary = changes.length
    ? `${changes.length} change(s) from ${file}, ${breaking} breaking:`
    : `${file} differs from the composed schema in text only (header, comments or layout):`;
  const advice = breaking
    ? 'Breaking changes break existing clients: prefer adding a field and deprecating the old one (@deprecated). '
    : '';
  return [summary, ...lines, '', `${advice}If the change is intended, run \`${updateCommand}\` and commit ${file}.`].join('\n');
}
