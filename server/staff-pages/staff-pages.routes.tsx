import { Hono } from 'hono'
import type { Context } from 'hono'
import { StaffLayout } from '../../web/staff/staff-layout.tsx'
import { LoginForm, ProgressTable, RoundList } from '../../web/staff/staff-pages.tsx'
import type { AppDeps } from '../app-env.ts'
import { sessionStaff } from '../auth/auth.middleware.ts'
import { roundProgress } from '../responses/responses.repository.ts'
import { findRound, listRounds } from '../rounds/rounds.repository.ts'
import { schoolScope } from '../scope.ts'
import { adminPagesRoutes } from './admin-pages.routes.tsx'
import { resultsPagesRoutes } from './results-pages.routes.tsx'
import type { WebAssets } from '../web-assets/web-assets.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The staff pages that exist so far: sign-in, the list of rounds and the live response rates.
 * Server-rendered; the API does the work and checks every permission again.
 */
export function staffPagesRoutes(deps: AppDeps, assets: WebAssets) {
  const app = new Hono()
  const script = assets.manifest['staff.js'] as string
  const stylesheet = assets.manifest['staff.css'] as string
  const frame = { script, stylesheet }

  const staffOf = (c: Context) => sessionStaff(deps, c)

  const toLogin = (c: Context) =>
    c.redirect(`/staff/login?next=${encodeURIComponent(c.req.path)}`, 303)

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.route('/', resultsPagesRoutes(deps, frame))
  app.route('/', adminPagesRoutes(deps, frame))

  app.get('/login', (c) => {
    const next = c.req.query('next') ?? '/staff'
    return c.html(
      <StaffLayout title="Log ind" {...frame}>
        <LoginForm next={next.startsWith('/staff') ? next : '/staff'} />
      </StaffLayout>,
    )
  })

  app.get('/', async (c) => {
    const staff = await staffOf(c)
    if (!staff) return toLogin(c)
    const rounds = await listRounds(deps.db, staff.municipalityId)
    return c.html(
      <StaffLayout title="Målinger" signedInAs={staff.displayName} {...frame}>
        <RoundList rounds={rounds} isAdmin={staff.role === 'admin'} />
      </StaffLayout>,
    )
  })

  app.get('/rounds/:id/progress', async (c) => {
    const staff = await staffOf(c)
    if (!staff) return toLogin(c)
    const id = c.req.param('id')
    const round = UUID.test(id) ? await findRound(deps.db, staff.municipalityId, id) : undefined
    if (!round) {
      return c.html(
        <StaffLayout title="Ikke fundet" signedInAs={staff.displayName} {...frame}>
          <h1>Målingen findes ikke</h1>
          <p>
            <a href="/staff">Tilbage til målingerne</a>
          </p>
        </StaffLayout>,
        404,
      )
    }
    const classes = await roundProgress(deps.db, round.id, schoolScope(staff))
    return c.html(
      <StaffLayout title={`Svarprocent: ${round.name}`} signedInAs={staff.displayName} {...frame}>
        <ProgressTable round={round} classes={classes} />
      </StaffLayout>,
    )
  })
  return app
}
