import { pupilTexts, PUPIL_LOCALE_LIST } from './pupil-texts.ts'

export interface PupilPageProps {
  /** Content-hashed asset file names under /assets/. */
  script: string
  stylesheet: string
}

const da = pupilTexts.da

/**
 * The pupil page's shell: the start screen in Danish, ready before any script runs. The bundle
 * takes over from here (language, questionnaire, saving). No inline script: the CSP forbids it.
 */
export function PupilPage(props: PupilPageProps) {
  return (
    <html lang="da" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Trivselsradar – {da.title}</title>
        <link rel="stylesheet" href={`/assets/${props.stylesheet}`} />
        <script type="module" src={`/assets/${props.script}`} />
      </head>
      <body>
        <header class="top">
          <p class="brand">Trivselsradar</p>
          <label class="language">
            <span data-text="languageLabel">{da.languageLabel}</span>
            <select id="language" name="language">
              {PUPIL_LOCALE_LIST.map((locale) => (
                <option value={locale} lang={locale}>
                  {pupilTexts[locale].languageName}
                </option>
              ))}
            </select>
          </label>
        </header>
        <main id="main">
          <section id="start" aria-labelledby="start-title">
            <h1 id="start-title" data-text="title">
              {da.title}
            </h1>
            <div id="intro" data-list="intro">
              {da.intro.map((line) => (
                <p>{line}</p>
              ))}
            </div>
            <form id="code-form" novalidate>
              <label for="code" data-text="codeLabel">
                {da.codeLabel}
              </label>
              <p id="code-hint" class="hint" data-text="codeHint">
                {da.codeHint}
              </p>
              <input
                id="code"
                name="code"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                inputmode="text"
                maxlength={20}
                aria-describedby="code-hint code-error"
                required
              />
              <p id="code-error" class="error" role="alert" hidden></p>
              <button type="submit" id="start-button" data-text="start">
                {da.start}
              </button>
            </form>
          </section>
          <section id="questionnaire" hidden>
            <p id="class-line" class="hint"></p>
            <div id="survey"></div>
          </section>
          <section id="done" hidden aria-labelledby="done-title" tabindex={-1}>
            <h1 id="done-title" data-text="thanksTitle">
              {da.thanksTitle}
            </h1>
            <p data-text="thanks">{da.thanks}</p>
            <h2 data-text="helpTitle">{da.helpTitle}</h2>
            <div data-list="help">
              {da.help.map((line) => (
                <p>{line}</p>
              ))}
            </div>
            <button type="button" id="new-pupil" data-text="newPupil">
              {da.newPupil}
            </button>
          </section>
        </main>
        <p id="save-status" class="save-status" role="status" aria-live="polite"></p>
        <noscript>
          <p class="error">Slå JavaScript til for at svare på spørgeskemaet.</p>
        </noscript>
      </body>
    </html>
  )
}
