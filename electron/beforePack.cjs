// electron-builder's beforePack hook (electron-builder.yml): a Windows installer must carry Tesseract, since Windows
// has no package manager to bring it. VANTHU_TESSERACT_WIN names a folder of a Windows build of Tesseract 5 (such as
// the UB Mannheim build's install folder): tesseract.exe, its DLLs, and tessdata/ with vie and osd. Other targets need
// nothing: the .deb recommends Debian's packages, and Vanthu also finds a Tesseract on PATH.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const VARIABLE = 'VANTHU_TESSERACT_WIN';
const REQUIRED = ['tesseract.exe', 'tessdata/vie.traineddata', 'tessdata/osd.traineddata'];

/** What is wrong with the folder, or null when it holds a usable Tesseract for Windows. */
function tesseractFolderProblem(folder) {
  if (!folder) return `${VARIABLE} is not set`;
  if (!existsSync(folder)) return `${VARIABLE}=${folder} does not exist`;
  const missing = REQUIRED.filter((file) => !existsSync(path.join(folder, file)));
  if (!readdirSync(folder).some((file) => file.toLowerCase().endsWith('.dll'))) missing.push('its DLLs (*.dll beside tesseract.exe)');
  return missing.length ? `${VARIABLE}=${folder} lacks ${missing.join(', ')}` : null;
}

exports.tesseractFolderProblem = tesseractFolderProblem;

exports.default = async function beforePack(context) {
  if (context.electronPlatformName !== 'win32') return;
  const folder = process.env[VARIABLE];
  const problem = tesseractFolderProblem(folder);
  if (problem) {
    throw new Error(
      `The Windows installer carries Tesseract for reading scanned paper, and ${problem}. Set ${VARIABLE} to a folder ` +
        'with tesseract.exe, its DLLs and tessdata/vie.traineddata and tessdata/osd.traineddata (e.g. the UB Mannheim ' +
        'build of Tesseract 5 with the Vietnamese language), then build again.',
    );
  }
  // electron-builder joins extraResources' `from` to the project folder before it expands ${env.…}: an absolute folder
  // would come out as <project>/<folder>. Relative to the project, it lands where it is.
  process.env[VARIABLE] = path.relative(context.packager.info.projectDir, path.resolve(folder));
};
