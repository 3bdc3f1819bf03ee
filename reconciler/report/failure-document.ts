// Renders a run that stopped on an error (a lock held or lost, a store that cannot be written) as JSON or Markdown.

/** What stopped a command: the error's kind (`Locked`, `LockLost`, `Io`, `Refused`, …) and its one line. */
export interface Failure {
  kind: string;
  message: string;
}

/** `{formatVersion: 1, error: {kind, message}}`: `--output json` still prints one document when a run stops. */
export function failureJson(failure: Failure): string {
  return `${JSON.stringify({ formatVersion: 1, error: { kind: failure.kind, message: failure.message } }, null, 2)}\n`;
}

/** A Markdown section for a CI job summary saying why nothing (more) was done. */
export function failureMarkdown(failure: Failure): string {
  const line = failure.message.replaceAll('`', "'").replaceAll('\n', ' ');
  return `### quiesce stopped\n\n- :x: **${failure.kind}**: ${line}\n`;
}
