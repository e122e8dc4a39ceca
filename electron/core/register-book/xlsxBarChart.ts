/**
 * A horizontal bar chart added to a workbook exceljs wrote: exceljs writes no charts, so a sheet of its own holds the
 * chart's data (a label and a number per bar) and a native spreadsheet chart over it (DrawingML), added to the package
 * by hand: the sheet, its drawing, the chart, their relationships and content types. Excel and LibreOffice draw it
 * from the sheet's cells, and the cached values let a viewer show it without recalculating.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { escapeXml } from '../xml/escapeXml';

export interface XlsxBar {
  label: string;
  /** Null: nothing to show (the bar is left out, the cell empty). */
  value: number | null;
}

export interface XlsxBarChart {
  sheetName: string;
  title: string;
  labelHeader: string;
  valueHeader: string;
  bars: XlsxBar[];
  /** The value axis runs from 0 to this (100 for a share in percent). */
  max: number;
}

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
};
const TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
/** A sheet name inside a formula: quoted, its quotes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

function dataSheet(chart: XlsxBarChart): string {
  const rows = [
    `<row r="1">${inline('A1', chart.labelHeader)}${inline('B1', chart.valueHeader)}</row>`,
    ...chart.bars.map((b, i) => {
      const r = i + 2;
      const value = b.value === null ? '' : `<c r="B${r}" s="0"><v>${b.value}</v></c>`;
      return `<row r="${r}">${inline(`A${r}`, b.label)}${value}</row>`;
    }),
  ];
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><cols><col min="1" max="1" width="40" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/></cols><sheetData>${rows.join('')}</sheetData><pageMargins left="0.79" right="0.39" top="0.59" bottom="0.59" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"/><drawing r:id="rId1"/></worksheet>`;
}

/** Under the data, as wide as the data and four more columns: one A4 landscape page with it when printed. */
function drawing(bars: number): string {
  const firstRow = bars + 2;
  const lastRow = firstRow + Math.max(18, bars * 2 + 6);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.a}"><xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${firstRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${lastRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

function chartXml(chart: XlsxBarChart): string {
  const sheet = sheetRef(chart.sheetName);
  const last = chart.bars.length + 1;
  const labels = chart.bars.map((b, i) => `<c:pt idx="${i}"><c:v>${escapeXml(b.label)}</c:v></c:pt>`).join('');
  const values = chart.bars.map((b, i) => (b.value === null ? '' : `<c:pt idx="${i}"><c:v>${b.value}</c:v></c:pt>`)).join('');
  const off = (name: string) => `<c:${name} val="0"/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${sheet}!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(chart.valueHeader)}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="2456A4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:dLbls><c:numFmt formatCode="0.0" sourceLinked="0"/>${off('showLegendKey')}<c:showVal val="1"/>${off('showCatName')}${off('showSerName')}${off('showPercent')}${off('showBubbleSize')}</c:dLbls><c:cat><c:strRef><c:f>${sheet}!$A$2:$A$${last}</c:f><c:strCache><c:ptCount val="${chart.bars.length}"/>${labels}</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>${sheet}!$B$2:$B$${last}</c:f><c:numCache><c:formatCode>0.0</c:formatCode><c:ptCount val="${chart.bars.length}"/>${values}</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="60"/><c:axId val="101"/><c:axId val="102"/></c:barChart><c:catAx><c:axId val="101"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="102"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/><c:max val="${chart.max}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="101"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="${chart.max / 4}"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

const relationships = (id: string, type: string, target: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${NS.pkgRel}"><Relationship Id="${id}" Type="${NS.rel}/${type}" Target="${target}"/></Relationships>`;

/** The workbook with one more sheet, `chart.sheetName`, holding the chart's data and the chart drawn over it. */
export function withBarChartSheet(xlsx: Uint8Array, chart: XlsxBarChart): Uint8Array {
  const files = unzipSync(xlsx);
  const text = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`The workbook has no ${name}`);
    return strFromU8(file);
  };
  let n = 1;
  while (files[`xl/worksheets/sheet${n}.xml`]) n++;
  let d = 1;
  while (files[`xl/drawings/drawing${d}.xml`]) d++;
  let c = 1;
  while (files[`xl/charts/chart${c}.xml`]) c++;

  const workbook = text('xl/workbook.xml');
  const sheetIds = [...workbook.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const relId = 'rIdVanthuChartSheet';
  files['xl/workbook.xml'] = strToU8(
    workbook.replace('</sheets>', `<sheet name="${escapeXml(chart.sheetName)}" sheetId="${Math.max(0, ...sheetIds) + 1}" r:id="${relId}"/></sheets>`),
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    text('xl/_rels/workbook.xml.rels').replace('</Relationships>', `<Relationship Id="${relId}" Type="${NS.rel}/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`),
  );
  files[`xl/worksheets/sheet${n}.xml`] = strToU8(dataSheet(chart));
  files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = strToU8(relationships('rId1', 'drawing', `../drawings/drawing${d}.xml`));
  files[`xl/drawings/drawing${d}.xml`] = strToU8(drawing(chart.bars.length));
  files[`xl/drawings/_rels/drawing${d}.xml.rels`] = strToU8(relationships('rId1', 'chart', `../charts/chart${c}.xml`));
  files[`xl/charts/chart${c}.xml`] = strToU8(chartXml(chart));
  const overrides = [
    [`/xl/worksheets/sheet${n}.xml`, TYPE.worksheet],
    [`/xl/drawings/drawing${d}.xml`, TYPE.drawing],
    [`/xl/charts/chart${c}.xml`, TYPE.chart],
  ].map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`);
  files['[Content_Types].xml'] = strToU8(text('[Content_Types].xml').replace('</Types>', `${overrides.join('')}</Types>`));
  return zipSync(files, { level: 6 });
}
