import type { Child } from 'hono/jsx'

/** Field name → Danish message, shown beside the field and tied to it by aria-describedby. */
export type FieldErrors = Record<string, string>

/** What a form shows after a refused submit: a summary, field messages and the values typed. */
export interface FormState {
  message?: string
  errors?: FieldErrors
  values?: Record<string, string>
}

const sections = [
  { href: '/staff/admin/schools', label: 'Skoler og klasser' },
  { href: '/staff/admin/rounds', label: 'Målinger og koder' },
  { href: '/staff/admin/users', label: 'Brugere' },
  { href: '/staff/admin/audit', label: 'Log' },
]

export function AdminNav(props: { current: string }) {
  return (
    <nav aria-label="Administration" class="admin-nav">
      {sections.map((section) => (
        <a href={section.href} aria-current={section.href === props.current ? 'page' : undefined}>
          {section.label}
        </a>
      ))}
    </nav>
  )
}

/** The message after a successful change (from `?ok=` of the redirect) or a refused one. */
export function Flash(props: { ok?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.ok ? (
        <p class="flash ok" role="status">
          {props.ok}
        </p>
      ) : null}
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  )
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />
}

export interface FieldProps {
  form: string
  name: string
  label: string
  state?: FormState | undefined
  type?: string
  value?: string
  required?: boolean
  hint?: string
  min?: number
  max?: number
  maxlength?: number
  autocomplete?: string
}

/** A labelled input whose hint and error are read with it. */
export function Field(props: FieldProps) {
  const id = `${props.form}-${props.name}`
  const error = props.state?.errors?.[props.name]
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span id={`${id}-hint`} class="hint">
          {props.hint}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.state?.values?.[props.name] ?? props.value ?? ''}
        required={props.required}
        min={props.min}
        max={props.max}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete ?? 'off'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {error ? (
        <span id={`${id}-error`} class="error">
          {error}
        </span>
      ) : null}
    </div>
  )
}

export interface SelectFieldProps {
  form: string
  name: string
  label: string
  options: Array<{ value: string; label: string }>
  state?: FormState | undefined
  value?: string
  hint?: string
}

export function SelectField(props: SelectFieldProps) {
  const id = `${props.form}-${props.name}`
  const error = props.state?.errors?.[props.name]
  const chosen = props.state?.values?.[props.name] ?? props.value
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span id={`${id}-hint`} class="hint">
          {props.hint}
        </span>
      ) : null}
      <select
        id={id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === chosen}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} class="error">
          {error}
        </span>
      ) : null}
    </div>
  )
}

/** The summary of a refused form, announced when the page loads. */
export function FormMessage(props: { state?: FormState | undefined }) {
  return props.state?.message ? (
    <p class="error" role="alert">
      {props.state.message}
    </p>
  ) : null
}

/** A one-button POST form (open, close, revoke), keyboard operable as any button. */
export function ActionButton(props: {
  action: string
  csrf: string
  label: string
  fields?: Record<string, string>
  children?: Child
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{props.label}</button>
    </form>
  )
}

export const dateTime = (iso: string): string =>
  new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso))

export function NoAccess() {
  return (
    <>
      <h1>Ingen adgang</h1>
      <p>Administrationen er kun for administratorer. Kontakt en administrator i kommunen.</p>
      <p>
        <a href="/staff">Tilbage til målingerne</a>
      </p>
    </>
  )
}
