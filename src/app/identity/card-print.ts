/**
 * The printable QR card (二维码卡) as one standalone HTML document: the console shows it in a frame
 * and prints that frame, so what the doctor sees is exactly what prints, with its own print CSS and
 * nothing of the console around it. Loaded only with the card (the QR encoder, uqr, comes with it).
 */
import { encode } from 'uqr';

/** The card's words, already localised by the caller (msg() runs in the console's element). */
export interface CardWords {
  title: string;
  residentName: string;
  village: string;
  doctorLine: string;
  howToUse: string;
  issuedLine: string;
  lang: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The QR code as SVG markup: error correction M (15 %: a card carried in a pocket gets creased)
 * and the quiet zone of four modules ISO/IEC 18004 asks for, so any scanner finds it.
 */
export function qrSvg(content: string): string {
  const qr = encode(content, { ecc: 'M', border: 4 });
  let path = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x},${y}h1v1h-1z`;
    }),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${qr.size} ${qr.size}" ` +
    `shape-rendering="crispEdges" role="img" data-qr-version="${qr.version}">` +
    `<rect width="${qr.size}" height="${qr.size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

/** The whole card as a document: black on white, a bank-card-sized box, printed at its true size. */
export function cardDocument(content: string, words: CardWords): string {
  const e = escapeHtml;
  return `<!doctype html><html lang="${e(words.lang)}"><head><meta charset="utf-8"><title>${e(words.title)}</title>
<style>
  @page { size: A4; margin: 15mm; }
  html, body { margin: 0; background: #fff; color: #000; }
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; padding: 12px; }
  .card { box-sizing: border-box; width: 100mm; min-height: 64mm; border: 0.6mm solid #000; border-radius: 3mm;
    padding: 4mm; display: flex; align-items: flex-start; }
  .qr { width: 38mm; height: 38mm; flex: none; margin-right: 4mm; }
  .qr svg { width: 100%; height: 100%; display: block; }
  h1 { font-size: 4mm; margin: 0 0 2mm; }
  .name { font-size: 6mm; font-weight: 700; margin: 0; }
  p { font-size: 3.4mm; line-height: 1.4; margin: 0 0 1.5mm; }
  @media print { body { padding: 0; } .card { break-inside: avoid; } }
</style></head><body>
<div class="card" data-card>
  <div class="qr" data-qr>${qrSvg(content)}</div>
  <div>
    <h1>${e(words.title)}</h1>
    <p class="name" data-name>${e(words.residentName)}</p>
    <p data-village>${e(words.village)}</p>
    <p data-doctor>${e(words.doctorLine)}</p>
    <p data-how>${e(words.howToUse)}</p>
    <p data-issued>${e(words.issuedLine)}</p>
  </div>
</div>
</body></html>`;
}
