// Tests the struct-of-arrays population: unique Safaricom numbers, county weighting, profiles and business numbers.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COUNTIES } from '../../../src/domain/counties.ts'
import { SAFARICOM_MSISDN_REGEX } from '../../../src/domain/msisdn.ts'
import { Population } from '../../../src/generator/population.ts'
import { DORMANT_PROFILE, MULE_PROFILE } from '../../../src/generator/profiles.ts'
import { Rng } from '../../../src/generator/rng.ts'

const START = Date.parse('2026-11-10T00:00:00.000+03:00')
const sizes = { accounts: 200_000, mulePool: 2_000, agents: 1_700, tills: 4_000, paybills: 2_000, employers: 400 }
const pop = new Population(sizes, START, new Rng(11))

test('MSISDNs are unique Safaricom numbers and the byte writer matches the text', () => {
  const seen = new Set<string>()
  const bytes = new Uint8Array(12)
  for (let i = 0; i < pop.size; i++) {
    const msisdn = pop.msisdn(i)
    seen.add(msisdn)
    if (i % 997 === 0) {
      assert.match(msisdn, SAFARICOM_MSISDN_REGEX)
      pop.writeMsisdn(bytes, 0, i)
      assert.equal(Buffer.from(bytes).toString('latin1'), msisdn)
    }
  }
  assert.equal(seen.size, pop.size)
})

test('home counties follow population and every county has agents and tills', () => {
  const counts = new Array<number>(COUNTIES.length).fill(0)
  for (let i = 0; i < pop.accounts; i++) counts[pop.wallets.county(i)]!++
  const nairobi = COUNTIES.findIndex((c) => c.name === 'Nairobi')
  const lamu = COUNTIES.findIndex((c) => c.name === 'Lamu')
  assert.ok(Math.abs(counts[nairobi]! / pop.accounts - 0.0924) < 0.005)
  assert.ok(counts[lamu]! < counts[nairobi]! / 20)
  for (let c = 0; c < COUNTIES.length; c++) {
    assert.ok(pop.agents.byCounty.start[c + 1]! > pop.agents.byCounty.start[c]!, `agents in ${COUNTIES[c]!.name}`)
    assert.ok(pop.tills.byCounty.start[c + 1]! > pop.tills.byCounty.start[c]!, `tills in ${COUNTIES[c]!.name}`)
  }
})

test('dormant wallets were idle 90+ days, mules never active, balances within limits', () => {
  const startSeconds = START / 1000
  for (let i = 0; i < pop.size; i++) {
    if (pop.profile[i] === DORMANT_PROFILE) assert.ok(startSeconds - pop.wallets.lastActive(i) >= 90 * 86_400)
    if (i >= pop.accounts) assert.ok(pop.profile[i] === MULE_PROFILE && pop.wallets.lastActive(i) === 0 && pop.wallets.balance(i) === 0)
    assert.ok(pop.wallets.balance(i) >= 0 && pop.wallets.balance(i) <= 500_000)
  }
})

test('business numbers are distinct 6-7 digit numbers in their own ranges', () => {
  const all = [...pop.agents.numbers, ...pop.tills.numbers, ...pop.paybills.numbers, ...pop.employers.numbers]
  assert.equal(new Set(all).size, all.length)
  assert.ok(pop.agents.numbers.every((n) => /^[1-4]\d{5}$/.test(n)))
  assert.ok(pop.paybills.numbers.every((n) => /^[5-9]\d{5}$/.test(n)))
  assert.ok(pop.tills.numbers.every((n) => /^\d{7}$/.test(n)))
})

test('usual payees are stable, in the same county and never the customer', () => {
  for (let c = 0; c < 1000; c++) {
    const contact = pop.contactOf(c, 3)
    assert.equal(contact, pop.contactOf(c, 3))
    assert.notEqual(contact, c)
    if (pop.profile[c] !== DORMANT_PROFILE) assert.equal(pop.wallets.county(contact), pop.wallets.county(c))
  }
})
