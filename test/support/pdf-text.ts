import { inflateSync } from 'node:zlib'

/**
 * The page content of a PDF: pdfkit compresses it with Flate (which we keep, for file size), so
 * each stream is inflated; streams that are not Flate are kept as they are.
 */
export function pdfContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  return [...raw.matchAll(/>>\s*stream\r?\n/g)]
    .map((match) => {
      const start = match.index + match[0].length
      const bytes = pdf.subarray(start, raw.indexOf('\nendstream', start))
      try {
        return inflateSync(bytes).toString('latin1')
      } catch {
        return bytes.toString('latin1')
      }
    })
    .join('\n')
}

/**
 * The text a PDF shows, for the checks: the hex strings of each TJ text operator, decoded as
 * Windows-1252 (the encoding of the standard fonts), one line per TJ.
 */
export function pdfText(pdf: Buffer): string {
  const decoder = new TextDecoder('windows-1252')
  return [...pdfContent(pdf).matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, array]) => {
      const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, h]) => h).join('')
      return decoder.decode(Buffer.from(hex, 'hex'))
    })
    .join('\n')
}
