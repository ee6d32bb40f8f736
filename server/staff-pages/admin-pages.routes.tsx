import { Hono } from 'hono'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Child } from 'hono/jsx'
import { NoAccess, type FormState } from '../../web/staff/admin/admin-parts.tsx'
import { CodesPage, RoundsPage } from '../../web/staff/admin/rounds-pages.tsx'
import { SchoolPage, SchoolsPage } from '../../web/staff/admin/schools-pages.tsx'
import { AuditPage, UsersPage } from '../../web/staff/admin/users-audit-pages.tsx'
import { StaffLayout } from '../../web/staff/staff-layout.tsx'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { sessionStaff } from '../auth/auth.middleware.ts'
import { listClassCodes } from '../class-codes/class-codes.repository.ts'
import { listDefinitions } from '../definitions/definitions.repository.ts'
import { findRound, listRounds, type SurveyRound } from '../rounds/rounds.repository.ts'
import { roundsRoutes } from '../rounds/rounds.routes.ts'
import { SchoolYearSchema, schoolYearOf } from '../school-year.ts'
import {
  decodeClassList,
  importClassList,
  parseClassList,
  type ClassListError,
} from '../schools/class-list-import.ts'
import { findSchool, listClasses, listSchools, type School } from '../schools/schools.repository.ts'
import { schoolsRoutes } from '../schools/schools.routes.ts'
import { listStaffUsers } from '../staff-users/staff-users.repository.ts'
import { staffUsersRoutes } from '../staff-users/staff-users.routes.ts'
import {
  auditPage,
  classCounts,
  copenhagenTime,
  csrfMatches,
  inProcessApi,
  isCrossSite,
  type ApiAnswer,
} from './admin-forms.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FORM_LIMIT_BYTES = 64 * 1024
const UPLOAD_LIMIT_BYTES = 1024 * 1024
const AUDIT_PAGE_SIZE = 50

interface Frame {
  script: string
  stylesheet: string
}

type Form = Record<string, string | File>

const text = (form: Form, name: string): string => {
  const value = form[name]
  return typeof value === 'string' ? value.trim() : ''
}
/** A whole number for the API, or the text itself so the API's validation names the field. */
const numberOrText = (value: string): number | string =>
  /^\d{1,4}$/.test(value) ? Number(value) : value

const flashes: Record<string, string> = {
  'school-created': 'Skolen er oprettet.',
  'class-created': 'Klassen er oprettet.',
  'round-created': 'Målingen er oprettet som kladde.',
  'round-opened': 'Målingen er åbnet.',
  'round-closed': 'Målingen er lukket.',
  'code-revoked': 'Koden er tilbagekaldt.',
  'code-replaced': 'Koden er tilbagekaldt, og klassen har fået en ny kode.',
  'user-created': 'Brugeren er oprettet.',
  'user-changed': 'Brugerens rolle og skole er gemt.',
  'user-disabled': 'Brugerens adgang er spærret, og brugeren er logget ud.',
  'user-enabled': 'Brugerens adgang er åbnet igen.',
  'school-renamed': 'Skolen har fået nyt navn.',
}

/** The Danish message of a `?ok=…` redirect; counts come along in the query. */
function flashOf(c: Context): string | undefined {
  const ok = c.req.query('ok')
  const count = (name: string) => Number(c.req.query(name)) || 0
  if (ok === 'import') {
    return `Klasselisten er indlæst: ${count('classes')} klasser og ${count('schools')} skoler oprettet, ${count('skipped')} dubletter sprunget over.`
  }
  if (ok === 'codes-generated') return `${count('n')} klasser har fået en ny kode.`
  return ok === undefined ? undefined : flashes[ok]
}

/** Turns a refused API call into field messages in Danish, keeping what was typed. */
function refused(
  answer: Extract<ApiAnswer, { ok: false }>,
  values: Record<string, string>,
  messages: Record<string, string>,
  conflict: { field: string; message: string },
): FormState {
  const errors: Record<string, string> = {}
  if (answer.status === 409) errors[conflict.field] = conflict.message
  for (const field of answer.fields)
    errors[field] = messages[field] ?? 'Feltet er ikke udfyldt rigtigt.'
  return {
    message:
      Object.keys(errors).length > 0
        ? 'Ændringen blev ikke gemt. Ret de markerede felter.'
        : 'Ændringen blev ikke gemt. Prøv igen.',
    errors,
    values,
  }
}

/**
 * The administration pages: schools and classes (with class-list upload), rounds and their
 * class codes, staff users and the audit log. Plain HTML forms that work without script; every
 * POST carries the session's CSRF token, and changes go through the JSON API's own handlers.
 */
export function adminPagesRoutes(deps: AppDeps, frame: Frame) {
  const app = new Hono()
  const schoolsApi = inProcessApi(schoolsRoutes(deps))
  const roundsApi = inProcessApi(roundsRoutes(deps))
  const usersApi = inProcessApi(staffUsersRoutes(deps))

  const render = (
    c: Context,
    staff: StaffPrincipal | undefined,
    title: string,
    body: Child,
    status = 200,
  ) =>
    c.html(
      <StaffLayout
        title={title}
        {...(staff ? { signedInAs: staff.displayName, isAdmin: staff.role === 'admin' } : {})}
        {...frame}
      >
        {body}
      </StaffLayout>,
      status as 200,
    )

  const notFoundPage = (c: Context, staff: StaffPrincipal) =>
    render(
      c,
      staff,
      'Ikke fundet',
      <>
        <h1>Siden findes ikke</h1>
        <p>
          <a href="/staff/admin/schools">Til administrationen</a>
        </p>
      </>,
      404,
    )

  const refusedPage = (c: Context, staff: StaffPrincipal | undefined) =>
    render(
      c,
      staff,
      'Afvist',
      <>
        <h1>Formularen blev afvist</h1>
        <p>
          Formularen er for gammel eller kom ikke fra Trivselsradar, så intet er ændret. Gå tilbage,
          genindlæs siden og prøv igen.
        </p>
      </>,
      403,
    )

  const yearsAround = (wanted?: string): string[] => {
    const now = deps.clock.now()
    const current = schoolYearOf(now)
    const years = new Set([
      schoolYearOf(new Date(now.getTime() - 365 * 86_400_000)),
      current,
      schoolYearOf(new Date(now.getTime() + 365 * 86_400_000)),
    ])
    if (wanted) years.add(wanted)
    return [...years].sort()
  }
  const yearOf = (value: string | undefined): string =>
    value && SchoolYearSchema.safeParse(value).success ? value : schoolYearOf(deps.clock.now())

  /** Signed-in admins only: others are sent to sign in or shown "Ingen adgang". */
  const adminOnly =
    (handler: (c: Context, staff: StaffPrincipal) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const staff = await sessionStaff(deps, c)
      if (!staff) return c.redirect(`/staff/login?next=${encodeURIComponent(c.req.path)}`, 303)
      if (staff.role !== 'admin') return render(c, staff, 'Ingen adgang', <NoAccess />, 403)
      return handler(c, staff)
    }

  /** A form POST: size-limited, same-origin, carrying the session's CSRF token. */
  const formPost = (
    path: string,
    maxBytes: number,
    handler: (c: Context, staff: StaffPrincipal, form: Form) => Promise<Response>,
  ) =>
    app.post(
      path,
      bodyLimit({
        maxSize: maxBytes,
        onError: (c) =>
          render(
            c,
            undefined,
            'For stor',
            <>
              <h1>Filen er for stor</h1>
              <p>Der kan højst sendes {Math.round(maxBytes / 1024)} KB. Intet er gemt.</p>
            </>,
            413,
          ),
      }),
      adminOnly(async (c, staff) => {
        if (isCrossSite(c)) return refusedPage(c, staff)
        const form = (await c.req.parseBody().catch(() => ({}))) as Form
        if (!csrfMatches(staff.csrfToken, form.csrf)) return refusedPage(c, staff)
        return handler(c, staff, form)
      }),
    )

  app.get(
    '/admin',
    adminOnly(async (c) => c.redirect('/staff/admin/schools', 303)),
  )

  // Schools and classes.

  const schoolsPage = async (
    c: Context,
    staff: StaffPrincipal,
    year: string,
    form?: FormState,
    status = 200,
  ) => {
    const [schools, counts] = await Promise.all([
      listSchools(deps.db, { municipalityId: staff.municipalityId }),
      classCounts(deps.db, staff.municipalityId, year),
    ])
    return render(
      c,
      staff,
      'Skoler og klasser',
      <SchoolsPage
        schools={schools}
        classCounts={counts}
        year={year}
        years={yearsAround(year)}
        csrf={staff.csrfToken}
        flash={flashOf(c)}
        form={form}
      />,
      status,
    )
  }

  app.get(
    '/admin/schools',
    adminOnly((c, staff) => schoolsPage(c, staff, yearOf(c.req.query('year')))),
  )

  formPost('/admin/schools', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const values = { name: text(form, 'name') }
    const answer = await schoolsApi(c, 'POST', '/', values)
    if (answer.ok) return c.redirect('/staff/admin/schools?ok=school-created', 303)
    const state = refused(
      answer,
      values,
      { name: 'Skolens navn skal være 2–120 tegn.' },
      { field: 'name', message: 'Der findes allerede en skole med det navn.' },
    )
    return schoolsPage(c, staff, yearOf(undefined), state, answer.status)
  })

  const schoolOf = async (staff: StaffPrincipal, id: string): Promise<School | undefined> =>
    UUID.test(id) ? findSchool(deps.db, staff.municipalityId, id) : undefined

  const schoolPage = async (
    c: Context,
    staff: StaffPrincipal,
    school: School,
    year: string,
    extra: { form?: FormState; renameForm?: FormState; importErrors?: ClassListError[] } = {},
    status = 200,
  ) => {
    const classes = await listClasses(deps.db, {
      municipalityId: staff.municipalityId,
      schoolId: school.id,
      schoolYear: year,
    })
    return render(
      c,
      staff,
      school.name,
      <SchoolPage
        school={school}
        classes={classes}
        year={year}
        years={yearsAround(year)}
        csrf={staff.csrfToken}
        flash={flashOf(c)}
        form={extra.form}
        renameForm={extra.renameForm}
        importErrors={extra.importErrors}
      />,
      status,
    )
  }

  app.get(
    '/admin/schools/:id',
    adminOnly(async (c, staff) => {
      const school = await schoolOf(staff, c.req.param('id') ?? '')
      if (!school) return notFoundPage(c, staff)
      return schoolPage(c, staff, school, yearOf(c.req.query('year')))
    }),
  )

  formPost('/admin/schools/:id/name', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const school = await schoolOf(staff, c.req.param('id') ?? '')
    if (!school) return notFoundPage(c, staff)
    const values = { name: text(form, 'name') }
    const answer = await schoolsApi(c, 'PATCH', `/${school.id}`, values)
    if (answer.ok) return c.redirect(`/staff/admin/schools/${school.id}?ok=school-renamed`, 303)
    const renameForm = refused(
      answer,
      values,
      { name: 'Navnet skal være 2–120 tegn.' },
      { field: 'name', message: 'Der findes allerede en skole med det navn.' },
    )
    return schoolPage(c, staff, school, yearOf(undefined), { renameForm }, answer.status)
  })

  formPost('/admin/schools/:id/classes', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const school = await schoolOf(staff, c.req.param('id') ?? '')
    if (!school) return notFoundPage(c, staff)
    const year = yearOf(text(form, 'schoolYear'))
    const values = {
      grade: text(form, 'grade'),
      label: text(form, 'label'),
      expectedPupils: text(form, 'expectedPupils'),
    }
    const answer = await schoolsApi(c, 'POST', `/${school.id}/classes`, {
      schoolYear: year,
      grade: numberOrText(values.grade),
      label: values.label,
      expectedPupils: numberOrText(values.expectedPupils),
    })
    const back = `/staff/admin/schools/${school.id}?year=${encodeURIComponent(year)}`
    if (answer.ok) return c.redirect(`${back}&ok=class-created`, 303)
    const state = refused(
      answer,
      values,
      {
        grade: 'Klassetrin skal være 7, 8 eller 9.',
        label: 'Klassens navn skal være 1–20 tegn.',
        expectedPupils: 'Forventede elever skal være et helt tal fra 0 til 60.',
      },
      { field: 'label', message: `Klassen findes allerede på skolen i ${year}.` },
    )
    return schoolPage(c, staff, school, year, { form: state }, answer.status)
  })

  formPost('/admin/schools/:id/import', UPLOAD_LIMIT_BYTES, async (c, staff, form) => {
    const school = await schoolOf(staff, c.req.param('id') ?? '')
    if (!school) return notFoundPage(c, staff)
    const year = yearOf(text(form, 'schoolYear'))
    const file = form.file
    const parsed =
      file instanceof File
        ? parseClassList(decodeClassList(new Uint8Array(await file.arrayBuffer())))
        : { ok: false as const, errors: [{ line: 0, message: 'Vælg en CSV-fil.' }] }
    if (!parsed.ok) {
      return schoolPage(c, staff, school, year, { importErrors: parsed.errors }, 422)
    }
    const summary = await importClassList(
      deps.db,
      {
        municipalityId: staff.municipalityId,
        userId: staff.id,
        schoolYear: year,
        rows: parsed.rows,
      },
      deps.clock.now(),
    )
    const query = new URLSearchParams({
      year,
      ok: 'import',
      schools: String(summary.schoolsCreated),
      classes: String(summary.classesCreated),
      skipped: String(summary.duplicatesSkipped),
    })
    return c.redirect(`/staff/admin/schools/${school.id}?${query}`, 303)
  })

  // Rounds and class codes.

  const roundsPage = async (
    c: Context,
    staff: StaffPrincipal,
    extra: { form?: FormState; error?: string } = {},
    status = 200,
  ) => {
    const [rounds, definitions] = await Promise.all([
      listRounds(deps.db, staff.municipalityId),
      listDefinitions(deps.db),
    ])
    const year = schoolYearOf(deps.clock.now())
    return render(
      c,
      staff,
      'Målinger og koder',
      <RoundsPage
        rounds={rounds}
        definitions={definitions}
        years={yearsAround(year)}
        year={year}
        csrf={staff.csrfToken}
        flash={flashOf(c)}
        error={extra.error}
        form={extra.form}
      />,
      status,
    )
  }

  app.get(
    '/admin/rounds',
    adminOnly((c, staff) => roundsPage(c, staff)),
  )

  formPost('/admin/rounds', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const values = Object.fromEntries(
      ['name', 'schoolYear', 'waveLabel', 'opensAt', 'closesAt', 'definitionId'].map((name) => [
        name,
        text(form, name),
      ]),
    ) as Record<string, string>
    const answer = await roundsApi(c, 'POST', '/', {
      name: values.name,
      schoolYear: values.schoolYear,
      waveLabel: values.waveLabel || null,
      opensAt: copenhagenTime(values.opensAt!, '00:00:00'),
      closesAt: copenhagenTime(values.closesAt!, '23:59:59'),
      definitionId: values.definitionId,
    })
    if (answer.ok) return c.redirect('/staff/admin/rounds?ok=round-created', 303)
    const state = refused(
      answer,
      values,
      {
        name: 'Navnet skal være 2–120 tegn.',
        schoolYear: 'Vælg et skoleår.',
        waveLabel: 'Runden må højst være 60 tegn.',
        opensAt: 'Skriv en dato.',
        closesAt: 'Skriv en dato efter åbningsdatoen.',
        definitionId: 'Vælg et spørgeskema.',
      },
      { field: 'name', message: 'Målingen findes allerede.' },
    )
    if (answer.fields.size === 0 && answer.status === 400) {
      state.errors = { ...state.errors, definitionId: 'Vælg et spørgeskema.' }
      state.message = 'Ændringen blev ikke gemt. Ret de markerede felter.'
    }
    return roundsPage(c, staff, { form: state }, answer.status)
  })

  for (const action of ['open', 'close'] as const) {
    formPost(`/admin/rounds/:id/${action}`, FORM_LIMIT_BYTES, async (c, staff) => {
      const id = c.req.param('id') ?? ''
      if (!UUID.test(id)) return notFoundPage(c, staff)
      const answer = await roundsApi(c, 'POST', `/${id}/${action}`)
      if (answer.ok) {
        return c.redirect(
          `/staff/admin/rounds?ok=${action === 'open' ? 'round-opened' : 'round-closed'}`,
          303,
        )
      }
      if (answer.status === 404) return notFoundPage(c, staff)
      const error =
        action === 'open'
          ? 'Målingen kan ikke åbnes, som den står nu. Genindlæs siden.'
          : 'Målingen kan ikke lukkes, som den står nu. Genindlæs siden.'
      return roundsPage(c, staff, { error }, answer.status)
    })
  }

  const roundOf = async (staff: StaffPrincipal, id: string): Promise<SurveyRound | undefined> =>
    UUID.test(id) ? findRound(deps.db, staff.municipalityId, id) : undefined

  const codesPage = async (
    c: Context,
    staff: StaffPrincipal,
    round: SurveyRound,
    error?: string,
    status = 200,
  ) => {
    const [classes, schools, codes] = await Promise.all([
      listClasses(deps.db, { municipalityId: staff.municipalityId, schoolYear: round.schoolYear }),
      listSchools(deps.db, { municipalityId: staff.municipalityId }),
      listClassCodes(deps.db, staff.municipalityId, round.id),
    ])
    const schoolName = new Map(schools.map((school) => [school.id, school.name]))
    const withSchool = classes
      .map((schoolClass) => ({ ...schoolClass, schoolName: schoolName.get(schoolClass.schoolId)! }))
      .sort(
        (a, b) =>
          a.schoolName.localeCompare(b.schoolName, 'da') ||
          a.grade - b.grade ||
          a.label.localeCompare(b.label, 'da'),
      )
    return render(
      c,
      staff,
      `Klassekoder: ${round.name}`,
      <CodesPage
        round={round}
        classes={withSchool}
        codes={codes}
        csrf={staff.csrfToken}
        flash={flashOf(c)}
        error={error}
      />,
      status,
    )
  }

  app.get(
    '/rounds/:id/codes',
    adminOnly(async (c, staff) => {
      const round = await roundOf(staff, c.req.param('id') ?? '')
      if (!round) return notFoundPage(c, staff)
      return codesPage(c, staff, round)
    }),
  )

  formPost('/rounds/:id/codes', FORM_LIMIT_BYTES, async (c, staff) => {
    const round = await roundOf(staff, c.req.param('id') ?? '')
    if (!round) return notFoundPage(c, staff)
    const answer = await roundsApi(c, 'POST', `/${round.id}/codes`)
    if (answer.ok) {
      const created = Number(answer.body.created) || 0
      return c.redirect(`/staff/rounds/${round.id}/codes?ok=codes-generated&n=${created}`, 303)
    }
    const error =
      round.state === 'closed'
        ? 'Målingen er lukket. Åbn den igen, før der gives koder.'
        : `Der er ingen klasser i ${round.schoolYear} endnu. Tilføj klasserne først.`
    return codesPage(c, staff, round, error, answer.status)
  })

  formPost('/rounds/:id/codes/:code/revoke', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const round = await roundOf(staff, c.req.param('id') ?? '')
    if (!round) return notFoundPage(c, staff)
    const replace = text(form, 'replace') === '1'
    const code = encodeURIComponent(c.req.param('code') ?? '')
    const answer = await roundsApi(c, 'POST', `/${round.id}/codes/${code}/revoke`, { replace })
    if (answer.ok) {
      const ok = replace ? 'code-replaced' : 'code-revoked'
      return c.redirect(`/staff/rounds/${round.id}/codes?ok=${ok}`, 303)
    }
    return codesPage(c, staff, round, 'Koden findes ikke eller er allerede tilbagekaldt.', 404)
  })

  // Staff users.

  const usersPage = async (
    c: Context,
    staff: StaffPrincipal,
    form?: FormState,
    status = 200,
    error?: string,
  ) => {
    const [users, schools] = await Promise.all([
      listStaffUsers(deps.db, staff.municipalityId),
      listSchools(deps.db, { municipalityId: staff.municipalityId }),
    ])
    return render(
      c,
      staff,
      'Brugere',
      <UsersPage
        users={users}
        schools={schools}
        csrf={staff.csrfToken}
        flash={flashOf(c)}
        error={error}
        form={form}
      />,
      status,
    )
  }

  app.get(
    '/admin/users',
    adminOnly((c, staff) => usersPage(c, staff)),
  )

  formPost('/admin/users', FORM_LIMIT_BYTES, async (c, staff, form) => {
    const values = {
      displayName: text(form, 'displayName'),
      email: text(form, 'email'),
      role: text(form, 'role'),
      schoolId: text(form, 'schoolId'),
    }
    const password = typeof form.password === 'string' ? form.password : ''
    const answer = await usersApi(c, 'POST', '/', {
      ...values,
      schoolId: values.schoolId || null,
      password,
    })
    if (answer.ok) return c.redirect('/staff/admin/users?ok=user-created', 303)
    const state = refused(
      answer,
      values,
      {
        displayName: 'Skriv brugerens navn.',
        email: 'Skriv en gyldig e-mailadresse.',
        password: 'Adgangskoden skal være mindst 12 tegn.',
        role: 'Vælg en rolle.',
        schoolId: 'Vælg en skole for rollen Skole, og kun for den.',
      },
      { field: 'email', message: 'Der findes allerede en bruger med den e-mail.' },
    )
    if (answer.status === 400 && answer.fields.size === 0) {
      state.errors = { ...state.errors, schoolId: 'Skolen findes ikke i kommunen.' }
    }
    return usersPage(c, staff, state, answer.status)
  })

  // Changing a user: role and school, or access. Refusals come back as a message on the page.
  const changeUser = async (c: Context, staff: StaffPrincipal, body: unknown, ok: string) => {
    const id = c.req.param('id') ?? ''
    if (!UUID.test(id)) return notFoundPage(c, staff)
    const answer = await usersApi(c, 'PATCH', `/${id}`, body)
    if (answer.ok) return c.redirect(`/staff/admin/users?ok=${ok}`, 303)
    if (answer.status === 404) return notFoundPage(c, staff)
    const error =
      answer.status === 409
        ? 'Du kan ikke spærre dig selv eller fjerne din egen administratorrolle. Bed en anden administrator om det.'
        : 'Ændringen blev ikke gemt: en bruger med rollen Skole skal have en skole, og kun den rolle har en.'
    return usersPage(c, staff, undefined, answer.status, error)
  }

  formPost('/admin/users/:id', FORM_LIMIT_BYTES, (c, staff, form) =>
    changeUser(
      c,
      staff,
      { role: text(form, 'role'), schoolId: text(form, 'schoolId') || null },
      'user-changed',
    ),
  )

  formPost('/admin/users/:id/access', FORM_LIMIT_BYTES, (c, staff, form) => {
    const disabled = text(form, 'disabled') === 'true'
    return changeUser(c, staff, { disabled }, disabled ? 'user-disabled' : 'user-enabled')
  })

  // The audit log.

  app.get(
    '/admin/audit',
    adminOnly(async (c, staff) => {
      const page = Math.max(1, Math.min(10_000, Math.floor(Number(c.req.query('page')) || 1)))
      const action = (c.req.query('action') ?? '').slice(0, 60)
      const data = await auditPage(deps.db, staff.municipalityId, {
        page,
        pageSize: AUDIT_PAGE_SIZE,
        ...(action ? { action } : {}),
      })
      return render(
        c,
        staff,
        'Log',
        <AuditPage data={data} page={page} pageSize={AUDIT_PAGE_SIZE} action={action} />,
      )
    }),
  )

  return app
}
