import type { ClassProgress } from '../../server/responses/responses.repository.ts'
import type { SurveyRound } from '../../server/rounds/rounds.repository.ts'

const roundStates: Record<SurveyRound['state'], string> = {
  draft: 'Kladde',
  open: 'Åben',
  closed: 'Lukket',
}
const dateTime = (iso: string): string =>
  new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso))

export function LoginForm(props: { next: string }) {
  return (
    <section class="narrow" aria-labelledby="login-title">
      <h1 id="login-title">Log ind</h1>
      <form id="login-form" data-next={props.next} novalidate>
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">Adgangskode</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <p id="login-error" class="error" role="alert" hidden></p>
        <button type="submit">Log ind</button>
      </form>
    </section>
  )
}

export function RoundList(props: { rounds: SurveyRound[]; isAdmin: boolean }) {
  return (
    <section aria-labelledby="rounds-title">
      <h1 id="rounds-title">Målinger</h1>
      <p>
        <a href="/staff/overview">Se overblikket over resultaterne</a>
      </p>
      {props.rounds.length === 0 ? (
        <p>Der er ingen målinger endnu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Målinger, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Måling</th>
              <th scope="col">Skoleår</th>
              <th scope="col">Status</th>
              <th scope="col">Lukker</th>
              <th scope="col">Svarprocent</th>
              {props.isAdmin ? <th scope="col">Klassekoder</th> : null}
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
                <td>{roundStates[round.state]}</td>
                <td>{dateTime(round.closesAt)}</td>
                <td>
                  <a href={`/staff/rounds/${round.id}/progress`}>Se svarprocent</a>
                  {round.state === 'draft' ? null : (
                    <>
                      {' · '}
                      <a href={`/api/reports/round/${round.id}`}>Rapport</a>
                      {' · '}
                      <a href={`/api/reports/round/${round.id}?format=pdf`} download>
                        Rapport som PDF
                      </a>
                    </>
                  )}
                </td>
                {props.isAdmin ? (
                  <td>
                    <a href={`/staff/rounds/${round.id}/codes`}>Klassekoder</a>
                    {' · '}
                    <a href={`/api/rounds/${round.id}/code-sheet`}>Udskriv koder</a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const percent = (part: number, whole: number): string =>
  whole > 0
    ? `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }).format((100 * part) / whole)} %`
    : '–'

/** Response rates per class; the page script refreshes the numbers while the round is open. */
export function ProgressTable(props: { round: SurveyRound; classes: ClassProgress[] }) {
  const totals = props.classes.reduce(
    (sum, c) => ({
      expected: sum.expected + c.expectedPupils,
      started: sum.started + c.started,
      completed: sum.completed + c.completed,
    }),
    { expected: 0, started: 0, completed: 0 },
  )
  return (
    <section
      aria-labelledby="progress-title"
      id="progress"
      data-round={props.round.id}
      data-live={props.round.state === 'open' ? 'true' : 'false'}
    >
      <h1 id="progress-title">Svarprocent: {props.round.name}</h1>
      <p id="progress-summary" aria-live="polite">
        {totals.completed} af {totals.expected} elever har svaret (
        {percent(totals.completed, totals.expected)}); {totals.started - totals.completed} er i
        gang.
        {props.round.state === 'open' ? ' Tallene opdateres af sig selv.' : ''}
      </p>
      <table>
        <caption class="visually-hidden">Svar pr. klasse</caption>
        <thead>
          <tr>
            <th scope="col">Skole</th>
            <th scope="col">Klasse</th>
            <th scope="col">Forventet</th>
            <th scope="col">I gang</th>
            <th scope="col">Færdige</th>
            <th scope="col">Svarprocent</th>
          </tr>
        </thead>
        <tbody>
          {props.classes.map((c) => (
            <tr data-class={c.classId}>
              <td>{c.schoolName}</td>
              <td>{c.classLabel}</td>
              <td>{c.expectedPupils}</td>
              <td data-field="inProgress">{c.started - c.completed}</td>
              <td data-field="completed">{c.completed}</td>
              <td data-field="rate">{percent(c.completed, c.expectedPupils)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
