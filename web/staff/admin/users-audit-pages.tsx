import type { AuditPage as AuditPageData } from '../../../server/staff-pages/admin-forms.ts'
import type { School } from '../../../server/schools/schools.repository.ts'
import type { StaffUser } from '../../../server/staff-users/staff-users.repository.ts'
import {
  AdminNav,
  CsrfField,
  dateTime,
  Field,
  Flash,
  FormMessage,
  SelectField,
  type FormState,
} from './admin-parts.tsx'

const roleNames: Record<StaffUser['role'], string> = {
  admin: 'Administrator',
  analyst: 'Analytiker',
  school: 'Skole',
}

/** Role and school of one user, and spærring (disabling) or reopening their access. */
function UserChanges(props: { user: StaffUser; schools: School[]; csrf: string }) {
  const { user } = props
  const base = `/staff/admin/users/${user.id}`
  return (
    <details>
      <summary>Ændr {user.displayName}</summary>
      <form method="post" action={base}>
        <CsrfField token={props.csrf} />
        <SelectField
          form={`user-${user.id}`}
          name="role"
          label="Rolle"
          value={user.role}
          options={(['admin', 'analyst', 'school'] as const).map((role) => ({
            value: role,
            label: roleNames[role],
          }))}
        />
        <SelectField
          form={`user-${user.id}`}
          name="schoolId"
          label="Skole (kun for rollen Skole)"
          value={user.schoolId ?? ''}
          options={[
            { value: '', label: 'Ingen' },
            ...props.schools.map((school) => ({ value: school.id, label: school.name })),
          ]}
        />
        <button type="submit">Gem rolle og skole</button>
      </form>
      <form method="post" action={`${base}/access`}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="disabled" value={user.disabled ? 'false' : 'true'} />
        <button type="submit">{user.disabled ? 'Genåbn adgangen' : 'Spær adgangen'}</button>
      </form>
    </details>
  )
}

export function UsersPage(props: {
  users: StaffUser[]
  schools: School[]
  csrf: string
  flash?: string | undefined
  error?: string | undefined
  form?: FormState | undefined
}) {
  const schoolName = new Map(props.schools.map((school) => [school.id, school.name]))
  return (
    <section aria-labelledby="users-title">
      <AdminNav current="/staff/admin/users" />
      <h1 id="users-title">Brugere</h1>
      <Flash ok={props.flash} error={props.error} />
      <table>
        <caption class="visually-hidden">Brugere i kommunen</caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">E-mail</th>
            <th scope="col">Rolle</th>
            <th scope="col">Skole</th>
            <th scope="col">Status</th>
            <th scope="col">Ændr</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td>{user.displayName}</td>
              <td>{user.email}</td>
              <td>{roleNames[user.role]}</td>
              <td>{user.schoolId ? (schoolName.get(user.schoolId) ?? '–') : '–'}</td>
              <td>{user.disabled ? 'Spærret' : 'Aktiv'}</td>
              <td>
                <UserChanges user={user} schools={props.schools} csrf={props.csrf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="new-user-title">Opret en bruger</h2>
      <form method="post" action="/staff/admin/users" aria-labelledby="new-user-title">
        <CsrfField token={props.csrf} />
        <FormMessage state={props.form} />
        <Field
          form="user"
          name="displayName"
          label="Navn"
          state={props.form}
          required
          maxlength={120}
        />
        <Field
          form="user"
          name="email"
          label="E-mail"
          type="email"
          state={props.form}
          required
          maxlength={254}
        />
        <SelectField
          form="user"
          name="role"
          label="Rolle"
          state={props.form}
          value="analyst"
          options={(['admin', 'analyst', 'school'] as const).map((role) => ({
            value: role,
            label: roleNames[role],
          }))}
        />
        <SelectField
          form="user"
          name="schoolId"
          label="Skole"
          hint="Kun for rollen Skole: brugeren ser kun sin egen skole."
          state={props.form}
          options={[
            { value: '', label: 'Ingen (hele kommunen)' },
            ...props.schools.map((school) => ({ value: school.id, label: school.name })),
          ]}
        />
        <Field
          form="user"
          name="password"
          label="Første adgangskode"
          hint="Mindst 12 tegn."
          type="password"
          autocomplete="new-password"
          state={{ ...props.form, values: {} }}
          required
        />
        <button type="submit">Opret bruger</button>
      </form>
    </section>
  )
}

const actionNames: Record<string, string> = {
  'school.create': 'Skole oprettet',
  'class.create': 'Klasse oprettet',
  'classes.import': 'Klasseliste indlæst',
  'round.create': 'Måling oprettet',
  'round.open': 'Måling åbnet',
  'round.close': 'Måling lukket',
  'codes.generate': 'Koder dannet',
  'codes.revoke': 'Kode tilbagekaldt',
  'codes.print': 'Kodeark udskrevet',
  'user.create': 'Bruger oprettet',
}
const actionName = (action: string) => actionNames[action] ?? action

export function AuditPage(props: {
  data: AuditPageData
  page: number
  pageSize: number
  action: string
}) {
  const pages = Math.max(1, Math.ceil(props.data.total / props.pageSize))
  const link = (page: number) =>
    `/staff/admin/audit?page=${page}${props.action ? `&action=${encodeURIComponent(props.action)}` : ''}`
  return (
    <section aria-labelledby="audit-title">
      <AdminNav current="/staff/admin/audit" />
      <h1 id="audit-title">Log over ændringer</h1>
      <form method="get" action="/staff/admin/audit" class="inline">
        <SelectField
          form="audit"
          name="action"
          label="Handling"
          value={props.action}
          options={[
            { value: '', label: 'Alle handlinger' },
            ...props.data.actions.map((action) => ({ value: action, label: actionName(action) })),
          ]}
        />
        <button type="submit">Vis</button>
      </form>
      <p>
        {props.data.total} poster, side {props.page} af {pages}.
      </p>
      <table>
        <caption class="visually-hidden">Log, nyeste først</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Bruger</th>
            <th scope="col">Handling</th>
            <th scope="col">Detaljer</th>
          </tr>
        </thead>
        <tbody>
          {props.data.entries.map((entry) => (
            <tr>
              <td>{dateTime(entry.at)}</td>
              <td>{entry.userName ?? '–'}</td>
              <td>{actionName(entry.action)}</td>
              <td>
                <code>{JSON.stringify(entry.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Sider" class="pager">
        {props.page > 1 ? <a href={link(props.page - 1)}>Nyere</a> : null}{' '}
        {props.page < pages ? <a href={link(props.page + 1)}>Ældre</a> : null}
      </nav>
    </section>
  )
}
