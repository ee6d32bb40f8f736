import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The database schema, dialect-neutral: text ids, ISO-8601 text timestamps set in code,
 * integer booleans, JSON stored as text. Nothing here identifies a pupil.
 */
export interface Database {
  municipalities: MunicipalityTable
  schools: SchoolTable
  classes: ClassTable
  questionnaire_definitions: QuestionnaireDefinitionTable
  survey_rounds: SurveyRoundTable
  class_codes: ClassCodeTable
  responses: ResponseTable
  response_scores: ResponseScoreTable
  round_cell_sums: RoundCellSumTable
  reference_values: ReferenceValueTable
  staff_users: StaffUserTable
  staff_sessions: StaffSessionTable
  rate_limits: RateLimitTable
  audit_log: AuditLogTable
  export_keys: ExportKeyTable
}

export interface MunicipalityTable {
  id: string
  name: string
  created_at: string
}

export interface SchoolTable {
  id: string
  municipality_id: string
  name: string
  created_at: string
}

export interface ClassTable {
  id: string
  school_id: string
  /** School year the class list belongs to, e.g. "2025/26" (classes move up a grade each year). */
  school_year: string
  grade: number
  label: string
  expected_pupils: number
  created_at: string
}

/** Immutable once stored: a changed questionnaire or spec file becomes a new row. */
export interface QuestionnaireDefinitionTable {
  id: string
  /** Stable id of the questionnaire across versions, e.g. "ssp-7-9". */
  questionnaire_id: string
  /** 1, 2, 3 … per questionnaire_id, in the order versions were first loaded. */
  version: number
  title: string
  survey_json: string
  scoring_spec_json: string
  scoring_spec_version: string
  /** SHA-256 over the canonical survey JSON and scoring spec. */
  content_hash: string
  created_at: string
}

export type RoundState = 'draft' | 'open' | 'closed'

export interface SurveyRoundTable {
  id: string
  municipality_id: string
  definition_id: string
  name: string
  /** e.g. "2025/26" */
  school_year: string
  /** e.g. "baseline", "follow-up 1"; null for an ordinary yearly round. */
  wave_label: string | null
  opens_at: string
  closes_at: string
  state: RoundState
  created_at: string
  updated_at: string
}

export interface ClassCodeTable {
  /** Normalised code (upper case, no separators); the primary key is the lookup. */
  code: string
  round_id: string
  class_id: string
  created_at: string
  revoked_at: string | null
}

export type ResponseState = 'draft' | 'complete'

export interface ResponseTable {
  /** Client-generated UUID v4: makes a retried submission idempotent. */
  id: string
  round_id: string
  class_id: string
  school_id: string
  grade: number
  definition_id: string
  state: ResponseState
  answers_json: string
  locale: string
  /** Dates only (YYYY-MM-DD): the analysis needs the day, not the minute. */
  started_on: string
  submitted_on: string | null
  /**
   * When the draft was first saved; only kept while the response is a draft, to compute
   * completion_seconds, and cleared when the response is completed.
   */
  draft_started_at: string | null
  completion_seconds: number | null
  /** JSON array of validity flag ids, e.g. ["honesty","too-fast"]. */
  quality_flags_json: string
  /** The gender answer of a scored response (its results cell); null if not answered. */
  gender: Generated<number | null>
  /** 1 when a validity rule flagged the scored response, else 0. */
  flagged: Generated<number>
  updated_at: string
}

/** One pupil's value on one measure (long form); see analysis/scoring/score-response.ts. */
/** A closed round's sums of one measure in every results cell (a kept GROUP BY). */
export interface RoundCellSumTable {
  round_id: string
  measure: string
  /** [class id, gender value or null, flagged 0/1, n, Σx, Σx²] per cell, as JSON. */
  cells_json: string
  built_at: string
}

export interface ResponseScoreTable {
  response_id: string
  measure: string
  value: number
  spec_version: string
}

/** A published reference value an administrator entered, shown beside the municipality's figures. */
export interface ReferenceValueTable {
  id: string
  municipality_id: string
  /** A measure id as in response_scores, e.g. "indicator.drunk-30d", "who5.index". */
  measure: string
  /** 7, 8 or 9; null for grades 7–9 together. */
  grade: number | null
  /** A proportion 0..1 for share measures, else a mean on the measure's own scale. */
  value: number
  /** Where the figure was published, e.g. "Skolebørnsundersøgelsen 2022". */
  source: string
  source_year: number
  note: string | null
  /** The staff user who entered it. */
  created_by: string
  created_at: string
}

export type StaffRole = 'admin' | 'analyst' | 'school'

export interface StaffUserTable {
  id: string
  email: string
  display_name: string
  password_hash: string
  role: StaffRole
  municipality_id: string
  /** Only for the `school` role. */
  school_id: string | null
  disabled: number
  created_at: string
}

export interface StaffSessionTable {
  /** SHA-256 of the session token; the token itself only lives in the cookie. */
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

/** Fixed-window counters shared by every server instance (e.g. failed logins per email). */
export interface RateLimitTable {
  key: string
  window_started_at: string
  count: number
}

export interface AuditLogTable {
  id: string
  at: string
  user_id: string | null
  municipality_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  details_json: string
}

/** A municipality's secret HMAC key for pseudonyms in pupil-level exports; created on first use. */
export interface ExportKeyTable {
  municipality_id: string
  /** 32 random bytes, hex. */
  secret: string
  created_at: string
}

export type Municipality = Selectable<MunicipalityTable>
export type School = Selectable<SchoolTable>
export type NewSchool = Insertable<SchoolTable>
export type ClassRow = Selectable<ClassTable>
export type QuestionnaireDefinitionRow = Selectable<QuestionnaireDefinitionTable>
export type SurveyRoundRow = Selectable<SurveyRoundTable>
export type SurveyRoundUpdate = Updateable<SurveyRoundTable>
export type ClassCodeRow = Selectable<ClassCodeTable>
export type ResponseRow = Selectable<ResponseTable>
export type ReferenceValueRow = Selectable<ReferenceValueTable>
export type StaffUserRow = Selectable<StaffUserTable>
export type StaffSessionRow = Selectable<StaffSessionTable>
export type AuditLogRow = Selectable<AuditLogTable>
