/**
 * Judges a package against resources/xml/edxml.xsd with libxml2's own validator (compiled to WebAssembly, so it runs
 * the same on every office PC without an installed xmllint).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** resources/xml of the source tree; a packaged app passes its own. */
const defaultSchemaFile = () => fileURLToPath(new URL('../../../resources/xml/edxml.xsd', import.meta.url));

let schema: Promise<string> | null = null;

/** The schema's complaints, each "line N: message"; none when the package is valid. */
export async function edxmlSchemaProblems(xml: string, schemaFile: string = defaultSchemaFile()): Promise<string[]> {
  schema ??= readFile(schemaFile, 'utf8').catch((cause: unknown) => {
    schema = null;
    throw new Error(`edXML schema missing or unreadable: ${schemaFile}`, { cause });
  });
  const result = await validateXML({
    xml: [{ fileName: 'package.edxml', contents: xml }],
    schema: [{ fileName: 'edxml.xsd', contents: await schema }],
    // The envelope is at most a few megabytes (attachments come cut to a token): 64 MB is ample.
    maxMemoryPages: 1024,
  });
  if (result.valid) return [];
  return result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message));
}
