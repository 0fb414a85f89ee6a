// Tests the hot-path samplers: alias tables follow their weights, the normal quantile is accurate, log-normal tables match exp().

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Rng } from '../../../src/generator/rng.ts'
import { AliasTable, LogNormalTable, normalQuantile } from '../../../src/generator/sampling.ts'

test('alias tables draw in proportion to the weights and never draw a zero weight', () => {
  const weights = [5, 0, 1, 3, 0.5, 0]
  const table = new AliasTable(weights)
  const rng = new Rng(3)
  const counts = new Array<number>(weights.length).fill(0)
  const draws = 200_000
  for (let i = 0; i < draws; i++) counts[table.pick(rng.float())]!++
  const total = weights.reduce((a, b) => a + b, 0)
  weights.forEach((w, i) => assert.ok(Math.abs(counts[i]! / draws - w / total) < 0.005, `outcome ${i}`))
  assert.equal(counts[1], 0)
  assert.equal(counts[5], 0)
  assert.equal(new AliasTable([0, 2]).pick(0), 1)
  assert.throws(() => new AliasTable([0, 0]))
})

test('normalQuantile inverts the standard normal CDF', () => {
  const cases: [number, number][] = [[0.5, 0], [0.975, 1.959963985], [0.8413447461, 1], [0.001, -3.090232306], [1e-9, -5.997807015]]
  for (const [p, z] of cases) assert.ok(Math.abs(normalQuantile(p) - z) < 1e-6, `p ${p}`)
})

test('log-normal tables follow exp(sigma × Z): median, tails and mean', () => {
  const sigma = 1.3
  const table = new LogNormalTable(sigma)
  for (const u of [0.001, 0.004, 0.1, 0.37, 0.5, 0.9, 0.996, 0.9999]) {
    const exact = Math.exp(sigma * normalQuantile(u))
    assert.ok(Math.abs(table.sample(u) / exact - 1) < 0.0015, `u ${u}`)
  }
  const rng = new Rng(8)
  let sum = 0
  const draws = 400_000
  for (let i = 0; i < draws; i++) sum += table.sample(rng.float())
  // The mean of a log-normal with median 1 is exp(sigma² / 2).
  assert.ok(Math.abs(sum / draws / Math.exp((sigma * sigma) / 2) - 1) < 0.03)
})
