// The one place an EngineError becomes what the user sees: its message (and, as json/markdown, the document) and exit code.
import type { EngineError } from '../errors.ts';
import { type Failure, failureJson, failureMarkdown } from '../report/failure-document.ts';
import { issuesText } from '../report/load-issues.ts';
import { sourceProblemJson, sourceProblemMarkdown } from '../report/source-problems.ts';
import { createStyle } from '../report/style.ts';
import type { OutputFormat } from './engine.ts';
import { ExitCode, type ExitCodeValue } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';

/** With `--output json` or `markdown`, the failure's document on stdout too (one document, as on success). */
function document(io: Io, output: OutputFormat, failure: Failure): void {
  if (output === 'json') io.stdout.write(failureJson(failure));
  else if (output === 'markdown') io.stdout.write(failureMarkdown(failure));
}

/** Prints why `command` could not go on and returns its exit code. */
export function engineFailure(
  io: Io,
  command: string,
  error: EngineError,
  output: OutputFormat = 'text',
): ExitCodeValue {
  switch (error.kind) {
    case 'BadStateDir':
      document(io, output, { kind: 'BadStateDir', message: error.message });
      io.stderr.write(`quiesce ${command}: ${error.message}\n`);
      return ExitCode.error;
    case 'SourceUnavailable': {
      const problem = { kind: 'unavailable', error: error.error } as const;
      if (output !== 'text')
        io.stdout.write(
          output === 'json' ? sourceProblemJson(problem) : sourceProblemMarkdown(problem),
        );
      io.stderr.write(
        `quiesce: cannot read ${error.source}: ${error.error.kind}: ${error.error.message}\n`,
      );
      return ExitCode.error;
    }
    case 'InvalidDesiredState': {
      const problem = { kind: 'invalid', revision: error.revision, issues: error.issues } as const;
      if (output !== 'text')
        io.stdout.write(
          output === 'json' ? sourceProblemJson(problem) : sourceProblemMarkdown(problem),
        );
      io.stderr.write(
        issuesText({ ok: false, issues: error.issues }, createStyle(colourFor(io.stderr, io.env))),
      );
      return ExitCode.error;
    }
    case 'State':
      document(io, output, { kind: error.error.kind, message: error.error.message });
      io.stderr.write(`quiesce ${command}: ${error.error.message}\n`);
      return ExitCode.error;
    case 'NotSaved':
    case 'Refused':
      document(io, output, { kind: error.kind, message: error.message });
      io.stderr.write(`quiesce ${command}: ${error.message}\n`);
      return ExitCode.error;
  }
}
