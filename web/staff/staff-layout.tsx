import type { Child } from 'hono/jsx'

export interface StaffLayoutProps {
  title: string
  script: string
  stylesheet: string
  signedInAs?: string
  isAdmin?: boolean
  children?: Child
}

/** The frame of every staff page: Danish, no inline script (the CSP forbids it). */
export function StaffLayout(props: StaffLayoutProps) {
  return (
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} – Trivselsradar</title>
        <link rel="stylesheet" href={`/assets/${props.stylesheet}`} />
        <script type="module" src={`/assets/${props.script}`} />
      </head>
      <body class="staff">
        <header class="top">
          <a class="brand" href="/staff">
            Trivselsradar
          </a>
          {props.signedInAs ? (
            <nav aria-label="Hovedmenu">
              <a href="/staff">Målinger</a> <a href="/staff/overview">Overblik</a>{' '}
              <a href="/staff/profile">Profil</a> <a href="/staff/compare">Sammenligning</a>
              {props.isAdmin ? <a href="/staff/admin/schools">Administration</a> : null}
            </nav>
          ) : null}
          {props.signedInAs ? (
            <p class="who">
              {props.signedInAs}{' '}
              <button type="button" id="logout" class="link-button">
                Log ud
              </button>
            </p>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  )
}
