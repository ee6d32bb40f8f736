import { describe, expect, it } from 'vitest'
import {
  formatCount,
  formatFigure,
  formatInterval,
  sortLabels,
} from '../../../analysis/charts/chart-format.ts'
import { figureFields } from '../../../analysis/charts/figure-fields.ts'

describe('chart number formats', () => {
  it('shows proportions as whole percent, Danish with a no-break space before %', () => {
    expect(formatFigure(0.214, 'proportion', 'da')).toBe('21\u00a0%')
    expect(formatFigure(0.215, 'proportion', 'en')).toBe('22%')
    expect(formatFigure(1, 'proportion', 'da')).toBe('100\u00a0%')
  })

  it('shows means with one decimal and counts with thousands separators', () => {
    expect(formatFigure(3.45, 'mean', 'da')).toBe('3,5')
    expect(formatFigure(62, 'mean', 'en')).toBe('62.0')
    expect(formatCount(1500, 'da')).toBe('1.500')
    expect(formatCount(1500, 'en')).toBe('1,500')
  })

  it('writes an interval as lower–upper, or null without one', () => {
    expect(formatInterval(0.18, 0.25, 'proportion', 'da')).toBe('18\u00a0%–25\u00a0%')
    expect(formatInterval(null, null, 'mean', 'da')).toBeNull()
  })

  it('sorts labels in the locale’s alphabetical order', () => {
    expect(sortLabels(['Åskolen', 'Østskolen', 'Ærøskolen', 'Bakkeskolen'], 'da')).toEqual([
      'Bakkeskolen',
      'Ærøskolen',
      'Østskolen',
      'Åskolen',
    ])
    expect(sortLabels(['10.A', '9.A'], 'da')).toEqual(['9.A', '10.A'])
  })
})

describe('figureFields', () => {
  it('turns a shown figure into numbers and texts', () => {
    expect(
      figureFields(
        { status: 'shown', value: 0.21, lower: 0.12, upper: 0.34, n: 48 },
        'proportion',
        'en',
      ),
    ).toEqual({
      value: 0.21,
      lower: 0.12,
      upper: 0.34,
      n: 48,
      suppressed: false,
      valueText: '21%',
      intervalText: '12%–34%',
      summaryText: '21% (n = 48)',
    })
  })

  it('says when a mean has no interval', () => {
    const fields = figureFields(
      { status: 'shown', value: 3, lower: null, upper: null, n: 1 },
      'mean',
      'da',
    )
    expect(fields.intervalText).toBe('kan ikke beregnes')
  })

  it('turns a suppressed figure into nulls and the suppressed text, never a zero', () => {
    expect(figureFields({ status: 'suppressed' }, 'proportion', 'da')).toEqual({
      value: null,
      lower: null,
      upper: null,
      n: null,
      suppressed: true,
      valueText: 'for få besvarelser',
      intervalText: null,
      summaryText: 'for få besvarelser',
    })
  })
})
