// Error hierarchy shared by every layer. Imports nothing.
//
// `code` is stable API (callers and the CLI switch on it). Messages are one line and
// name the format, the file, the absolute offset and what was expected, e.g.
//   bolt: /data/db @0x2000 (page 2): invalid page type 0x00, expected branch or leaf
// Bad input is never "internal": InternalError is for our own bugs only.

export interface ErrorLocation {
  /** File (or source name) the bad bytes came from. */
  file?: string;
  /** Absolute byte offset in that file. */
  offset?: number | bigint;
  /** Extra location words, e.g. "page 12", "record 40", "field .spec.containers[0]". */
  where?: string;
}

function locationText(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.offset !== undefined) parts.push(`@${typeof loc.offset === 'bigint' ? loc.offset : loc.offset}`);
  if (loc.where !== undefined) parts.push(`(${loc.where})`);
  return parts.length ? parts.join(' ') + ': ' : '';
}

/** Base class of every error this library throws on purpose. */
export class ForensicsError extends Error {
  readonly code: string = 'FORENSICS_ERROR';
  readonly format: string;
  readonly file: string | undefined;
  readonly offset: number | bigint | undefined;
  readonly where: string | undefined;
  /** Short message without the "format: location:" prefix. */
  readonly detail: string;

  constructor(format: string, detail: string, loc: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(`${format}: ${locationText(loc)}${detail}`, options);
    this.name = new.target.name;
    this.format = format;
    this.detail = detail;
    this.file = loc.file;
    this.offset = loc.offset;
    this.where = loc.where;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      format: this.format,
      message: this.message,
      file: this.file,
      offset: typeof this.offset === 'bigint' ? this.offset.toString() : this.offset,
      where: this.where,
    };
  }
}

/** The bytes do not follow the format (wrong magic, bad type, impossible length...). */
export class CorruptDataError extends ForensicsError {
  override readonly code: string = 'CORRUPT_DATA';
}

/** A stored checksum does not match the computed one. */
export class ChecksumError extends CorruptDataError {
  override readonly code: string = 'CHECKSUM_MISMATCH';
  readonly want: string;
  readonly got: string;
  constructor(format: string, detail: string, want: string, got: string, loc: ErrorLocation = {}) {
    super(format, `${detail} (want ${want}, got ${got})`, loc);
    this.want = want;
    this.got = got;
  }
}

/** The data ends before a structure it announces. */
export class TruncatedError extends CorruptDataError {
  override readonly code: string = 'TRUNCATED';
}

/** Valid data in a form this tool does not handle (e.g. a newer format version). */
export class UnsupportedError extends ForensicsError {
  override readonly code: string = 'UNSUPPORTED';
}

/** A file, bucket, key or revision that was asked for does not exist. */
export class NotFoundError extends ForensicsError {
  override readonly code: string = 'NOT_FOUND';
}

/** The operating system refused a read (ENOENT, EACCES, EISDIR...). */
export class ReadError extends ForensicsError {
  override readonly code: string = 'READ_ERROR';
}

/** Bad command-line usage (unknown flag value, missing argument). */
export class UsageError extends ForensicsError {
  override readonly code: string = 'USAGE';
  constructor(detail: string) {
    super('usage', detail);
  }
}

/** A bug in etcd-forensics itself. Never used for bad input. */
export class InternalError extends ForensicsError {
  override readonly code: string = 'INTERNAL';
}

/** Process exit codes, shared by every command. */
export const ExitCode = {
  Ok: 0,
  /** Corruption, checksum mismatch or other findings (or, for diff: the inputs differ). */
  Findings: 1,
  /** Command-line usage error. */
  Usage: 2,
  /** Input cannot be read (missing file, permission, unsupported) or an unexpected failure. */
  CannotRead: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Maps any thrown value to the exit code the CLI uses for it. */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof UsageError) return ExitCode.Usage;
  if (err instanceof CorruptDataError) return ExitCode.Findings;
  return ExitCode.CannotRead;
}
