/**
 * Reads an edXML package as a stream. The envelope becomes a small tree; each attachment's base64 is decoded piece by
 * piece straight into the content store, so a 100 MB scan never sits in memory. The reader also writes the package's
 * skeleton, every element and attribute as sent with each attachment's content cut to a token, for the schema to judge.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import sax from 'sax';
import type { StoredContent } from '../content/contentStore';
import { escapeXml } from '../xml/escapeXml';

export interface XmlNode {
  /** The local name; `uri` is its namespace. */
  name: string;
  uri: string;
  text: string;
  /** Attributes by local name (namespace declarations left out). */
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The bytes of an attachment's ContentTransferEncoded, once stored. */
  stored?: StoredContent;
}

export interface ReadPackage {
  root: XmlNode;
  skeleton: string;
}

/** Why a package cannot be read, in terms the sender can act on; `line` is where the reader stopped. */
export class EdxmlSyntaxError extends Error {
  constructor(
    readonly reason: 'xml' | 'doctype' | 'base64' | 'tooLarge',
    readonly detail: string,
    readonly line: number,
  ) {
    super(`${reason} at line ${line}: ${detail}`);
  }
}

/** A header element's text: far beyond any real subject or name, short of a memory problem. */
const MAX_TEXT = 256 * 1024;
const MAX_SKELETON = 8 * 1024 * 1024;
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;
const WHITESPACE = /\s/;
/**
 * Reads inside an attachment are each a single decode and store write. Each piece lives as its text, its copy without
 * line breaks and its decoded bytes at once: at 1 MB they took the import's peak memory about 15 MB higher than at
 * 256 KB, for no time gained (npm run bench -- edxml).
 */
const READ_CHUNK = 256 * 1024;

/** Decodes base64 arriving in pieces of any length into a stream, refusing anything that is not base64. */
class Base64Sink {
  readonly out = new PassThrough();
  private pending = '';
  private finished = false;
  empty = true;

  push(text: string): string | null {
    if (NOT_BASE64.test(text)) return 'not base64';
    const clean = WHITESPACE.test(text) ? text.replace(/\s+/g, '') : text;
    if (!clean) return null;
    if (this.finished) return 'not base64';
    const all = this.pending + clean;
    const whole = all.length - (all.length % 4);
    const part = all.slice(0, whole);
    this.pending = all.slice(whole);
    if (part.includes('=')) {
      // Padding ends the data: only a last group may carry it.
      if (this.pending || part.indexOf('=') < part.length - 2) return 'padding inside the data';
      this.finished = true;
    }
    if (part) {
      this.empty = false;
      this.out.write(Buffer.from(part, 'base64'));
    }
    return null;
  }

  end(): string | null {
    this.out.end();
    return this.pending ? 'length not a multiple of 4' : null;
  }
}

interface Sink {
  base64: Base64Sink;
  stored: Promise<unknown>;
}

/**
 * Reads `file` (a path, or the package's bytes as a stream), storing each attachment through `put` as it goes. On any
 * failure every `put` begun has settled before the error is thrown, so the caller can discard what was stored.
 */
export async function readEdxml(file: string | Readable, put: (source: Readable) => Promise<StoredContent>): Promise<ReadPackage> {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const root: XmlNode = { name: '', uri: '', text: '', attributes: {}, children: [] };
  const stack: XmlNode[] = [root];
  const skeleton: string[] = [];
  let skeletonSize = 0;
  const stores: Promise<unknown>[] = [];
  let sink: Sink | null = null;
  let failure: Error | null = null;
  /** Lines of attachment text the parser never saw, so a problem's line is still the file's. */
  let skippedLines = 0;

  const fail = (reason: EdxmlSyntaxError['reason'], detail: string) => {
    failure ??= new EdxmlSyntaxError(reason, detail, parser.line + 1 + skippedLines);
  };
  const emit = (s: string) => {
    skeletonSize += s.length;
    if (skeletonSize > MAX_SKELETON) fail('tooLarge', 'envelope over 8 MB');
    else skeleton.push(s);
  };

  parser.onerror = (e) => fail('xml', e.message.split('\n')[0]!);
  parser.ondoctype = () => fail('doctype', 'a DOCTYPE is not allowed');
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    const declared = Object.values(t.attributes);
    const attributes = Object.fromEntries(declared.filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns').map((a) => [a.local, a.value]));
    const node: XmlNode = { name: t.local, uri: t.uri, text: '', attributes, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
    emit(`<${t.name}${declared.map((a) => ` ${a.name}="${escapeXml(a.value)}"`).join('')}>`);
    if (node.name === 'ContentTransferEncoded' && stack.at(-2)?.name === 'Attachment') {
      const base64 = new Base64Sink();
      const stored = put(base64.out).then((content) => (node.stored = content));
      sink = { base64, stored };
      stores.push(stored);
    }
  };
  parser.ontext = parser.oncdata = (text) => {
    if (sink) {
      const problem = sink.base64.push(text);
      if (problem) fail('base64', problem);
      return;
    }
    const node = stack.at(-1)!;
    if (node.text.length + text.length > MAX_TEXT) return fail('tooLarge', `text of <${node.name}> over 256 KB`);
    node.text += text;
    emit(escapeXml(text));
  };
  parser.onclosetag = (name) => {
    if (sink) {
      const problem = sink.base64.end();
      if (problem) fail('base64', problem);
      // A token of valid base64 stands for the content; an empty one stays empty, for the schema to see.
      emit(sink.base64.empty ? '' : 'AAAA');
      sink = null;
    }
    stack.pop();
    emit(`</${name}>`);
  };

  const input = typeof file === 'string' ? createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK }) : file.setEncoding('utf8');
  try {
    for await (const chunk of input) {
      let rest = chunk as string;
      const open = sink as Sink | null;
      if (open) {
        // Inside an attachment the text is base64 up to the next '<': it goes to the decoder directly, past sax's
        // character-by-character scan (ten times slower on a large file). What sax still holds of it goes first.
        parser.flush();
        const end = rest.indexOf('<');
        const direct = end < 0 ? rest : rest.slice(0, end);
        skippedLines += direct.split('\n').length - 1;
        const problem = open.base64.push(direct);
        if (problem) fail('base64', problem);
        rest = end < 0 ? '' : rest.slice(end);
      }
      if (rest && !failure) parser.write(rest);
      if (failure) break;
      // The store's failure (a full disk) must end the wait as well as its drain.
      const writing = sink as Sink | null;
      if (writing?.base64.out.writableNeedDrain) await Promise.race([once(writing.base64.out, 'drain'), writing.stored]);
    }
    if (!failure) parser.close();
    if (!failure && stack.length !== 1) fail('xml', 'unexpected end of file');
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  } finally {
    input.destroy();
    const open = sink as Sink | null;
    // Ended, not destroyed: the store settles, and the caller discards what it stored.
    if (open) open.base64.out.end();
  }
  const settled = await Promise.allSettled(stores);
  if (failure) throw failure;
  const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (broken) throw broken.reason;
  return { root: root.children[0]!, skeleton: skeleton.join('') };
}
