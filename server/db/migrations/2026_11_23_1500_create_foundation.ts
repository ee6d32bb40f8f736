import { sql } from 'kysely'
import type { Kysely } from 'kysely'

/**
 * The foundation tables. Frozen in time: later changes go in new migrations.
 * Types are chosen to mean the same on SQLite and PostgreSQL (text, integer, real).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipalities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('schools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) =>
      c.notNull().references('municipalities.id').onDelete('restrict'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schools_municipality_name_unique', ['municipality_id', 'name'])
    .execute()

  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) =>
      c.notNull().references('schools.id').onDelete('restrict'),
    )
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade between 7 and 9`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('expected_pupils', 'integer', (c) =>
      c.notNull().check(sql`expected_pupils between 0 and 60`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('classes_school_year_label_unique', ['school_id', 'school_year', 'label'])
    .execute()

  await db.schema
    .createTable('questionnaire_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('survey_json', 'text', (c) => c.notNull())
    .addColumn('scoring_spec_json', 'text', (c) => c.notNull())
    .addColumn('scoring_spec_version', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('definitions_questionnaire_version_unique', [
      'questionnaire_id',
      'version',
    ])
    .execute()

  await db.schema
    .createTable('survey_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) =>
      c.notNull().references('municipalities.id').onDelete('restrict'),
    )
    .addColumn('definition_id', 'text', (c) =>
      c.notNull().references('questionnaire_definitions.id').onDelete('restrict'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('wave_label', 'text')
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'open', 'closed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('survey_rounds_municipality_idx')
    .on('survey_rounds')
    .columns(['municipality_id', 'school_year'])
    .execute()

  await db.schema
    .createTable('class_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('survey_rounds.id').onDelete('restrict'),
    )
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('restrict'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  // One active code per class and round; revoked codes stay for the record.
  await db.schema
    .createIndex('class_codes_one_active_idx')
    .on('class_codes')
    .columns(['round_id', 'class_id'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('survey_rounds.id').onDelete('restrict'),
    )
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('restrict'))
    .addColumn('school_id', 'text', (c) =>
      c.notNull().references('schools.id').onDelete('restrict'),
    )
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('definition_id', 'text', (c) =>
      c.notNull().references('questionnaire_definitions.id').onDelete('restrict'),
    )
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'complete')`))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text')
    .addColumn('draft_started_at', 'text')
    .addColumn('completion_seconds', 'integer')
    .addColumn('quality_flags_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('responses_round_class_idx')
    .on('responses')
    .columns(['round_id', 'class_id', 'state'])
    .execute()

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'analyst', 'school')`),
    )
    .addColumn('municipality_id', 'text', (c) =>
      c.notNull().references('municipalities.id').onDelete('restrict'),
    )
    .addColumn('school_id', 'text', (c) => c.references('schools.id').onDelete('restrict'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('staff_sessions_user_idx')
    .on('staff_sessions')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('municipality_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_log_municipality_at_idx')
    .on('audit_log')
    .columns(['municipality_id', 'at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'rate_limits',
    'staff_sessions',
    'staff_users',
    'responses',
    'class_codes',
    'survey_rounds',
    'questionnaire_definitions',
    'classes',
    'schools',
    'municipalities',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
