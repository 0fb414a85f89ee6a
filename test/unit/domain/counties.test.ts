// Tests the county table: the 47 census markets, their population and headquarters distances.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COUNTIES, COUNTY_NAMES, KENYA_POPULATION_2019, countyByName, distanceKm, isCountyName } from '../../../src/domain/counties.ts'

describe('counties', () => {
  test('has the 47 counties in census code order with the census total', () => {
    assert.equal(COUNTIES.length, 47)
    assert.deepEqual(
      COUNTIES.map((c) => c.code),
      Array.from({ length: 47 }, (_, i) => i + 1)
    )
    assert.equal(KENYA_POPULATION_2019, 47_564_296)
    assert.equal(COUNTY_NAMES.length, 47)
    assert.ok(isCountyName("Murang'a") && isCountyName('Taita-Taveta') && !isCountyName('Muranga'))
  })

  test('coordinates lie inside Kenya and give plausible distances', () => {
    for (const c of COUNTIES) {
      assert.ok(c.lat > -5 && c.lat < 5.1 && c.lon > 33.9 && c.lon < 42, c.name)
    }
    const km = (a: string, b: string): number => distanceKm(countyByName(a)!, countyByName(b)!)
    assert.ok(Math.abs(km('Nairobi', 'Mombasa') - 440) < 25)
    assert.ok(Math.abs(km('Nairobi', 'Kisumu') - 265) < 25)
    assert.ok(km('Mandera', 'Kisumu') > 800)
    assert.equal(km('Nakuru', 'Nakuru'), 0)
  })
})
