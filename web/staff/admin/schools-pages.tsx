import type { ClassListError } from '../../../server/schools/class-list-import.ts'
import type { School, SchoolClass } from '../../../server/schools/schools.repository.ts'
import {
  AdminNav,
  CsrfField,
  Field,
  Flash,
  FormMessage,
  SelectField,
  type FormState,
} from './admin-parts.tsx'

function YearChooser(props: { action: string; years: string[]; year: string }) {
  return (
    <form method="get" action={props.action} class="inline">
      <SelectField
        form="year"
        name="year"
        label="Skoleår"
        value={props.year}
        options={props.years.map((year) => ({ value: year, label: year }))}
      />
      <button type="submit">Vis</button>
    </form>
  )
}

export function SchoolsPage(props: {
  schools: School[]
  classCounts: Map<string, number>
  year: string
  years: string[]
  csrf: string
  flash?: string | undefined
  form?: FormState | undefined
}) {
  return (
    <section aria-labelledby="schools-title">
      <AdminNav current="/staff/admin/schools" />
      <h1 id="schools-title">Skoler og klasser</h1>
      <Flash ok={props.flash} />
      <YearChooser action="/staff/admin/schools" years={props.years} year={props.year} />
      {props.schools.length === 0 ? (
        <p>Der er ingen skoler endnu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Skoler med antal klasser i {props.year}</caption>
          <thead>
            <tr>
              <th scope="col">Skole</th>
              <th scope="col">Klasser i {props.year}</th>
            </tr>
          </thead>
          <tbody>
            {props.schools.map((school) => (
              <tr>
                <td>
                  <a href={`/staff/admin/schools/${school.id}?year=${props.year}`}>{school.name}</a>
                </td>
                <td>{props.classCounts.get(school.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-school-title">Tilføj en skole</h2>
      <form method="post" action="/staff/admin/schools" aria-labelledby="new-school-title">
        <CsrfField token={props.csrf} />
        <FormMessage state={props.form} />
        <Field
          form="school"
          name="name"
          label="Skolens navn"
          state={props.form}
          required
          maxlength={120}
        />
        <button type="submit">Opret skole</button>
      </form>
    </section>
  )
}

export function SchoolPage(props: {
  school: School
  classes: SchoolClass[]
  year: string
  years: string[]
  csrf: string
  flash?: string | undefined
  form?: FormState | undefined
  /** The rename form's state after a refused rename. */
  renameForm?: FormState | undefined
  importErrors?: ClassListError[] | undefined
}) {
  const base = `/staff/admin/schools/${props.school.id}`
  return (
    <section aria-labelledby="school-title">
      <AdminNav current="/staff/admin/schools" />
      <p>
        <a href={`/staff/admin/schools?year=${props.year}`}>Alle skoler</a>
      </p>
      <h1 id="school-title">{props.school.name}</h1>
      <Flash ok={props.flash} />
      <YearChooser action={base} years={props.years} year={props.year} />
      {props.classes.length === 0 ? (
        <p>Skolen har ingen klasser i {props.year}.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Klasser i {props.year}</caption>
          <thead>
            <tr>
              <th scope="col">Klasse</th>
              <th scope="col">Klassetrin</th>
              <th scope="col">Forventede elever</th>
            </tr>
          </thead>
          <tbody>
            {props.classes.map((schoolClass) => (
              <tr>
                <td>{schoolClass.label}</td>
                <td>{schoolClass.grade}.</td>
                <td>{schoolClass.expectedPupils}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-class-title">Tilføj en klasse i {props.year}</h2>
      <form method="post" action={`${base}/classes`} aria-labelledby="new-class-title">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="schoolYear" value={props.year} />
        <FormMessage state={props.form} />
        <SelectField
          form="class"
          name="grade"
          label="Klassetrin"
          state={props.form}
          options={['7', '8', '9'].map((grade) => ({ value: grade, label: `${grade}. klasse` }))}
        />
        <Field
          form="class"
          name="label"
          label="Klassens navn"
          hint="F.eks. 8.B"
          state={props.form}
          required
          maxlength={20}
        />
        <Field
          form="class"
          name="expectedPupils"
          label="Forventede elever"
          type="number"
          min={0}
          max={60}
          state={props.form}
          required
        />
        <button type="submit">Opret klasse</button>
      </form>

      <h2 id="import-title">Indlæs en klasseliste (CSV)</h2>
      <form
        method="post"
        action={`${base}/import`}
        enctype="multipart/form-data"
        aria-labelledby="import-title"
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="schoolYear" value={props.year} />
        <div class="field">
          <label for="import-file">Fil med klasser i {props.year}</label>
          <span id="import-file-hint" class="hint">
            Kolonnerne skole;klasse;klassetrin;forventede elever, adskilt af semikolon eller komma,
            højst 1 MB. Skoler, der ikke findes, oprettes; klasser, der findes, springes over.
          </span>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby={
              props.importErrors ? 'import-file-hint import-errors-title' : 'import-file-hint'
            }
          />
        </div>
        <button type="submit">Indlæs klasser</button>
      </form>
      {props.importErrors ? (
        <div role="alert">
          <h3 id="import-errors-title" class="error">
            Filen blev ikke indlæst: {props.importErrors.length}{' '}
            {props.importErrors.length === 1 ? 'linje har fejl' : 'linjer har fejl'}. Intet er gemt.
          </h3>
          <table>
            <caption class="visually-hidden">Fejl i klasselisten</caption>
            <thead>
              <tr>
                <th scope="col">Linje</th>
                <th scope="col">Fejl</th>
              </tr>
            </thead>
            <tbody>
              {props.importErrors.map((error) => (
                <tr>
                  <td>{error.line}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2 id="rename-title">Omdøb skolen</h2>
      <form method="post" action={`${base}/name`} aria-labelledby="rename-title">
        <CsrfField token={props.csrf} />
        <FormMessage state={props.renameForm} />
        <Field
          form="rename"
          name="name"
          label="Skolens navn"
          hint="Resultater, klasser og koder følger med skolen."
          state={props.renameForm}
          value={props.school.name}
          required
          maxlength={120}
        />
        <button type="submit">Gem navnet</button>
      </form>
    </section>
  )
}
