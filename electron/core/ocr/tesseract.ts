/**
 * Tesseract, the OCR engine, run as a child process: Debian's tesseract-ocr with tesseract-ocr-vie on Linux, the
 * Windows build the installer carries (or one the office installed) elsewhere. Its own process, not a binding: a crash
 * or a runaway page ends with that process, and a time limit or the clerk's cancel kills it. Called with an argument
 * array, never through a shell, so no file name is ever interpreted.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { QuarterTurn } from './greyscale';

export interface TesseractConfig {
  /** The executable: a path, or a name looked up on PATH. */
  command: string;
  /** The folder holding vie.traineddata, when it is not where the executable looks by itself. */
  tessdataDir: string | null;
}

/** What keeps OCR from running on this PC: no Tesseract at all, or Tesseract without the Vietnamese model. */
export type TesseractMissing = 'tesseract' | 'vie';

export const OCR_LANGUAGE = 'vie';

/**
 * Which Tesseract to run: VANTHU_TESSERACT (and VANTHU_TESSDATA) when the office set them, else the copy bundled with
 * the app when it has one, else `tesseract` on PATH.
 */
export function tesseractConfig(env: NodeJS.ProcessEnv = process.env, bundled: string | null = null): TesseractConfig {
  const command = env.VANTHU_TESSERACT || (bundled && existsSync(bundled) ? bundled : 'tesseract');
  return { command, tessdataDir: env.VANTHU_TESSDATA || null };
}

const dataArgs = (config: TesseractConfig) => (config.tessdataDir ? ['--tessdata-dir', config.tessdataDir] : []);

/** A Tesseract found with the Vietnamese model is remembered; a missing one is asked again (it may be installed meanwhile). */
const ready = new Set<string>();

/** Null when OCR can run, else what is missing. */
export async function tesseractMissing(config: TesseractConfig): Promise<TesseractMissing | null> {
  const key = JSON.stringify(config);
  if (ready.has(key)) return null;
  const listed = await run(config.command, [...dataArgs(config), '--list-langs'], { timeoutMs: 15_000 }).catch(() => null);
  if (listed === null) return 'tesseract';
  if (!listed.split(/\r?\n/).some((l) => l.trim() === OCR_LANGUAGE)) return 'vie';
  ready.add(key);
  return null;
}

/**
 * Page segmentation "sparse text": every piece of text wherever it sits. The automatic layout joins a row of the left
 * column with the right column's line beside it ("- Như trên;" with "PHÓ GIÁM ĐỐC"), and on a skewed scan of two
 * columns in different sizes it then loses the smaller or bolder half; lines are rebuilt from the words' positions
 * anyway (see hocrLines).
 */
const SPARSE_TEXT = '11';

export interface RecogniseOptions {
  /** The picture's resolution when the caller knows it (a PDF page's picture); else Tesseract reads or estimates it. */
  dpi?: number;
  signal?: AbortSignal;
}

/** The page's text as hOCR (words with their boxes, lines with their baselines and sizes). Rejects when aborted. */
export function recogniseHocr(config: TesseractConfig, image: string, options: RecogniseOptions = {}): Promise<string> {
  const dpi = options.dpi ? ['--dpi', String(Math.round(options.dpi))] : [];
  const args = [...dataArgs(config), image, 'stdout', '-l', OCR_LANGUAGE, '--psm', SPARSE_TEXT, ...dpi, 'hocr'];
  return run(config.command, args, options.signal ? { signal: options.signal } : {});
}

/** Page segmentation "orientation and script detection only": reads osd.traineddata, recognises no text. */
const ORIENTATION_ONLY = '0';

/**
 * How far the page must be turned clockwise to stand upright, by Tesseract's orientation detection; 0 when it is
 * upright or cannot be told (no osd.traineddata, a page without enough text): the page is then read as it lies.
 */
export async function pageOrientation(config: TesseractConfig, image: string, options: RecogniseOptions = {}): Promise<QuarterTurn> {
  const dpi = options.dpi ? ['--dpi', String(Math.round(options.dpi))] : [];
  const args = [...dataArgs(config), image, 'stdout', '--psm', ORIENTATION_ONLY, ...dpi];
  const report = await run(config.command, args, options.signal ? { signal: options.signal } : {}).catch((error: unknown) => {
    if (options.signal?.aborted) throw error;
    return '';
  });
  const degrees = Number(/^Rotate:\s*(\d+)/m.exec(report)?.[1] ?? 0);
  return degrees === 90 || degrees === 180 || degrees === 270 ? degrees : 0;
}

function run(command: string, args: string[], o: { timeoutMs?: number; signal?: AbortSignal }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
        ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        // One thread per page: on a two-core office PC Tesseract's OpenMP threads only fight each other and the UI.
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}
