import { raw } from 'hono/html'

export interface CodeSlip {
  schoolName: string
  classLabel: string
  grade: number
  displayCode: string
  /** SVG markup of the QR code, generated on the server from the pupil URL. */
  qrSvg: string
}

export interface CodeSheetProps {
  roundName: string
  schoolYear: string
  closesAt: string
  pupilUrl: string
  slips: CodeSlip[]
}

const closesOn = (iso: string): string =>
  new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso))

const styles = `
  @page { size: A4; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 0; padding: 16px; }
  header { margin-bottom: 16px; }
  h1 { font-size: 1.3rem; margin: 0 0 4px; }
  .hint { color: #444; margin: 0; }
  .slips { display: grid; grid-template-columns: repeat(2, 1fr); gap: 8mm; }
  .slip { border: 1px dashed #666; border-radius: 4px; padding: 6mm; break-inside: avoid; display: grid; grid-template-columns: 1fr 32mm; gap: 4mm; align-items: center; }
  .slip h2 { font-size: 1.05rem; margin: 0 0 2mm; }
  .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1.6rem; letter-spacing: 0.08em; font-weight: 700; margin: 2mm 0; }
  .url { font-size: 0.95rem; word-break: break-all; margin: 0; }
  .small { font-size: 0.8rem; color: #444; margin: 2mm 0 0; }
  .qr svg { width: 32mm; height: 32mm; display: block; }
  @media print { body { padding: 0; } .no-print { display: none; } }
`

/** Printable class code sheet: one slip per class with the pupil URL, the code and a QR code. */
export function CodeSheet(props: CodeSheetProps) {
  return (
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Klassekoder – {props.roundName}</title>
        <style>{raw(styles)}</style>
      </head>
      <body>
        <header>
          <h1>
            Klassekoder: {props.roundName} ({props.schoolYear})
          </h1>
          <p class="hint">
            Klip arket op og giv hver klasse sin seddel. Koden kan bruges indtil{' '}
            {closesOn(props.closesAt)}.
          </p>
          <p class="hint no-print">Udskriv med Ctrl+P / Cmd+P.</p>
        </header>
        {props.slips.length === 0 ? (
          <p>Der er ingen aktive klassekoder i denne runde endnu.</p>
        ) : (
          <main class="slips">
            {props.slips.map((slip) => (
              <section class="slip" aria-label={`${slip.schoolName}, ${slip.classLabel}`}>
                <div>
                  <h2>
                    {slip.schoolName} · {slip.classLabel}
                  </h2>
                  <p class="url">Gå ind på {props.pupilUrl}</p>
                  <p class="code">{slip.displayCode}</p>
                  <p class="small">Skriv koden, eller scan QR-koden. Besvarelsen er anonym.</p>
                </div>
                <div class="qr" role="img" aria-label={`QR-kode til ${slip.classLabel}`}>
                  {raw(slip.qrSvg)}
                </div>
              </section>
            ))}
          </main>
        )}
      </body>
    </html>
  )
}
