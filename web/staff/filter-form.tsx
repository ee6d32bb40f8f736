/** The filters of the results pages, kept in the URL so a view can be bookmarked and shared. */
export interface Filters {
  round?: string | undefined
  school?: string | undefined
  grade?: string | undefined
  gender?: string | undefined
}

/** A query string (with its `?`, or empty) of the filters and any extra parameters that are set. */
export function filterQuery(
  filters: Filters,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    if (value) params.set(name, value)
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}

export interface FilterChoices {
  rounds: Array<{ id: string; label: string }>
  /** Every school the reader may choose; a school user's own school only. */
  schools: Array<{ id: string; name: string }>
  /** A school user is held to their own school: shown, not chosen. */
  ownSchool: boolean
  genders: Array<{ value: string; label: string }>
}

function Select(props: {
  name: string
  label: string
  value: string | undefined
  all?: string
  options: Array<{ value: string; label: string }>
}) {
  return (
    <p class="filter">
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        {props.all ? <option value="">{props.all}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  )
}

/** A GET form: choosing filters changes the URL, nothing else. */
export function FilterForm(props: { action: string; filters: Filters; choices: FilterChoices }) {
  const { filters, choices } = props
  return (
    <form class="filters" method="get" action={props.action} aria-label="Filtre">
      <Select
        name="round"
        label="Måling"
        value={filters.round}
        options={choices.rounds.map((r) => ({ value: r.id, label: r.label }))}
      />
      {choices.ownSchool ? (
        <p class="filter">
          <span class="filter-label">Skole</span> {choices.schools[0]?.name}
        </p>
      ) : (
        <Select
          name="school"
          label="Skole"
          value={filters.school}
          all="Hele kommunen"
          options={choices.schools.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
      <Select
        name="grade"
        label="Klassetrin"
        value={filters.grade}
        all="Alle klassetrin"
        options={['7', '8', '9'].map((g) => ({ value: g, label: `${g}. klasse` }))}
      />
      <Select
        name="gender"
        label="Køn"
        value={filters.gender}
        all="Alle"
        options={choices.genders}
      />
      <p class="filter">
        <button type="submit">Vis</button>
      </p>
    </form>
  )
}
