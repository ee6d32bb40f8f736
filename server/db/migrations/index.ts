import type { Migration } from 'kysely'
import * as createFoundation from './2026_11_23_1500_create_foundation.ts'
import * as createResponseScores from './2026_11_23_1700_create_response_scores.ts'
import * as createReferenceValues from './2026_11_23_1900_create_reference_values.ts'
import * as createExportKeys from './2026_11_23_2000_create_export_keys.ts'
import * as addResponseCell from './2026_11_23_2100_add_response_cell.ts'
import * as dropScoreMeasureIndex from './2026_11_23_2110_drop_response_scores_measure_index.ts'
import * as createRoundCellSums from './2026_11_23_2200_create_round_cell_sums.ts'

/** Every migration, listed explicitly so bundling or a missing file can never skip one. */
export const migrations: Record<string, Migration> = {
  '2026_11_23_1500_create_foundation': createFoundation,
  '2026_11_23_1700_create_response_scores': createResponseScores,
  '2026_11_23_1900_create_reference_values': createReferenceValues,
  '2026_11_23_2000_create_export_keys': createExportKeys,
  '2026_11_23_2100_add_response_cell': addResponseCell,
  '2026_11_23_2110_drop_response_scores_measure_index': dropScoreMeasureIndex,
  '2026_11_23_2200_create_round_cell_sums': createRoundCellSums,
}
