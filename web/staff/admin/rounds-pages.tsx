import type { ClassCodeListing } from '../../../server/class-codes/class-codes.repository.ts'
import type { DefinitionSummary } from '../../../server/definitions/definitions.repository.ts'
import type { SurveyRound } from '../../../server/rounds/rounds.repository.ts'
import type { SchoolClass } from '../../../server/schools/schools.repository.ts'
import {
  ActionButton,
  AdminNav,
  CsrfField,
  dateTime,
  Field,
  Flash,
  FormMessage,
  SelectField,
  type FormState,
} from './admin-parts.tsx'

const roundStates: Record<SurveyRound['state'], string> = {
  draft: 'Kladde',
  open: 'Åben',
  closed: 'Lukket',
}

export function RoundsPage(props: {
  rounds: SurveyRound[]
  definitions: DefinitionSummary[]
  years: string[]
  year: string
  csrf: string
  flash?: string | undefined
  error?: string | undefined
  form?: FormState | undefined
}) {
  return (
    <section aria-labelledby="rounds-title">
      <AdminNav current="/staff/admin/rounds" />
      <h1 id="rounds-title">Målinger og koder</h1>
      <Flash ok={props.flash} error={props.error} />
      {props.rounds.length === 0 ? (
        <p>Der er ingen målinger endnu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Målinger, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Måling</th>
              <th scope="col">Skoleår</th>
              <th scope="col">Periode</th>
              <th scope="col">Status</th>
              <th scope="col">Handlinger</th>
            </tr>
          </thead>
          <tbody>
            {props.rounds.map((round) => (
              <tr>
                <td>
                  {round.name}
                  {round.waveLabel ? ` (${round.waveLabel})` : ''}
                </td>
                <td>{round.schoolYear}</td>
                <td>
                  {dateTime(round.opensAt)} – {dateTime(round.closesAt)}
                </td>
                <td>{roundStates[round.state]}</td>
                <td class="actions">
                  {round.state === 'open' ? (
                    <ActionButton
                      action={`/staff/admin/rounds/${round.id}/close`}
                      csrf={props.csrf}
                      label={`Luk ${round.name}`}
                    />
                  ) : (
                    <ActionButton
                      action={`/staff/admin/rounds/${round.id}/open`}
                      csrf={props.csrf}
                      label={`Åbn ${round.name}`}
                    />
                  )}
                  <a href={`/staff/rounds/${round.id}/codes`}>Klassekoder</a>{' '}
                  <a href={`/staff/rounds/${round.id}/progress`}>Svarprocent</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-round-title">Opret en måling</h2>
      <form method="post" action="/staff/admin/rounds" aria-labelledby="new-round-title">
        <CsrfField token={props.csrf} />
        <FormMessage state={props.form} />
        <Field form="round" name="name" label="Navn" state={props.form} required maxlength={120} />
        <SelectField
          form="round"
          name="schoolYear"
          label="Skoleår"
          value={props.year}
          state={props.form}
          options={props.years.map((year) => ({ value: year, label: year }))}
        />
        <Field
          form="round"
          name="waveLabel"
          label="Runde (valgfri)"
          hint="F.eks. efterår"
          state={props.form}
          maxlength={60}
        />
        <Field form="round" name="opensAt" label="Åbner" type="date" state={props.form} required />
        <Field
          form="round"
          name="closesAt"
          label="Lukker"
          hint="Målingen lukker ved dagens slutning."
          type="date"
          state={props.form}
          required
        />
        <SelectField
          form="round"
          name="definitionId"
          label="Spørgeskema"
          state={props.form}
          options={props.definitions.map((definition) => ({
            value: definition.id,
            label: `${definition.title} (version ${definition.version})`,
          }))}
        />
        <button type="submit">Opret måling</button>
      </form>
    </section>
  )
}

export function CodesPage(props: {
  round: SurveyRound
  classes: Array<SchoolClass & { schoolName: string }>
  codes: ClassCodeListing[]
  csrf: string
  flash?: string | undefined
  error?: string | undefined
}) {
  const base = `/staff/rounds/${props.round.id}/codes`
  const active = new Map(
    props.codes.filter((code) => code.revokedAt === null).map((code) => [code.classId, code]),
  )
  const revoked = props.codes.filter((code) => code.revokedAt !== null)
  return (
    <section aria-labelledby="codes-title">
      <AdminNav current="/staff/admin/rounds" />
      <p>
        <a href="/staff/admin/rounds">Alle målinger</a>
      </p>
      <h1 id="codes-title">Klassekoder: {props.round.name}</h1>
      <Flash ok={props.flash} error={props.error} />
      <p>
        <a href={`/api/rounds/${props.round.id}/code-sheet`}>Udskriv kodeark</a>{' '}
        <a href={`/staff/rounds/${props.round.id}/progress`}>Se svarprocent</a>
      </p>
      <ActionButton
        action={base}
        csrf={props.csrf}
        label={`Giv alle klasser i ${props.round.schoolYear} en kode`}
      />
      {props.classes.length === 0 ? (
        <p>Der er ingen klasser i {props.round.schoolYear} endnu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Klasser og deres koder</caption>
          <thead>
            <tr>
              <th scope="col">Skole</th>
              <th scope="col">Klasse</th>
              <th scope="col">Kode</th>
              <th scope="col">Handlinger</th>
            </tr>
          </thead>
          <tbody>
            {props.classes.map((schoolClass) => {
              const code = active.get(schoolClass.id)
              return (
                <tr>
                  <td>{schoolClass.schoolName}</td>
                  <td>{schoolClass.label}</td>
                  <td>{code ? <code>{code.displayCode}</code> : 'Ingen kode'}</td>
                  <td class="actions">
                    {code ? (
                      <>
                        <ActionButton
                          action={`${base}/${code.code}/revoke`}
                          csrf={props.csrf}
                          label={`Tilbagekald ${code.displayCode}`}
                        />
                        <ActionButton
                          action={`${base}/${code.code}/revoke`}
                          csrf={props.csrf}
                          fields={{ replace: '1' }}
                          label={`Erstat ${code.displayCode}`}
                        />
                      </>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {revoked.length > 0 ? (
        <>
          <h2>Tilbagekaldte koder</h2>
          <ul>
            {revoked.map((code) => (
              <li>
                <code>{code.displayCode}</code> ({code.schoolName}, {code.classLabel}) –
                tilbagekaldt {dateTime(code.revokedAt!)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
