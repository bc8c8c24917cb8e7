// Reading the files named on the command line. The importer sniffs content, not the extension,
// so all this module does is turn the file system's failures into one readable line.
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import type { ImportInput } from '$lib/import';
import { ReportError } from './errors';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file (文件不存在)',
  EACCES: 'permission denied (无权读取)',
  EPERM: 'permission denied (无权读取)',
  EISDIR: 'is a directory, not a file (这是文件夹)',
  ENOTDIR: 'a part of the path is not a directory (路径错误)',
  ELOOP: 'too many symbolic links (路径错误)',
  EMFILE: 'too many open files (打开的文件过多)',
};

function fsCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function fsError(path: string, error: unknown): ReportError {
  const code = fsCode(error);
  const reason = (code && FS_REASONS[code]) ?? `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new ReportError(path, reason);
}

/**
 * Fail fast on a mistyped path: before importing the first of several large files, not after.
 * The content is judged later, by the importer.
 */
export async function checkReadable(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    try {
      if (!(await stat(path)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      await access(path, constants.R_OK);
    } catch (error) {
      throw fsError(path, error);
    }
  }
}

/** The file's bytes, named by the path as given, so every later message names it the same way. */
export async function readInputFile(path: string): Promise<ImportInput> {
  try {
    return { name: path, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    throw fsError(path, error);
  }
}

/** Text of a small file (the settings file), with the same error wording. */
export async function readTextFile(path: string): Promise<string> {
  const { bytes } = await readInputFile(path);
  return new TextDecoder('utf-8').decode(bytes);
}
