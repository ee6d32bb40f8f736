import type { FilterChoices } from './filter-form.tsx'

/**
 * One labelled select of a GET form, for the pages whose filters differ from the overview's
 * (filter-form.tsx keeps its own for round, school, grade and gender).
 */
export function ChoiceSelect(props: {
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

/** The school filter: a school user's own school shown, not chosen; else every school. */
export function SchoolChoice(props: { value: string | undefined; choices: FilterChoices }) {
  return props.choices.ownSchool ? (
    <p class="filter">
      <span class="filter-label">Skole</span> {props.choices.schools[0]?.name}
    </p>
  ) : (
    <ChoiceSelect
      name="school"
      label="Skole"
      value={props.value}
      all="Hele kommunen"
      options={props.choices.schools.map((s) => ({ value: s.id, label: s.name }))}
    />
  )
}
