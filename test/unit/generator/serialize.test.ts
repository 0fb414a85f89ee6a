// Tests that hand-built JSON (string builder and byte encoder) equals JSON.stringify of the parsed record and validates.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { TransactionSchema } from '../../../src/domain/schema.ts'
import { TxDraft } from '../../../src/generator/draft.ts'
import { ReceiptIdFactory } from '../../../src/generator/ids.ts'
import { msisdnText } from '../../../src/generator/msisdn-numbers.ts'
import { TransactionEncoder, accountEventJson, transactionJson } from '../../../src/generator/serialize.ts'
import { Wallets } from '../../../src/generator/wallets.ts'
import { fixtureStream } from './stream-fixture.ts'

test('every generated value is canonical JSON: JSON.stringify(JSON.parse(value)) reproduces it', () => {
  const stream = fixtureStream()
  for (const { index, tx } of stream.transactions) {
    const text = stream.records[index]!.value.toString('utf8')
    assert.equal(JSON.stringify(tx), text)
  }
  for (const { index, event } of stream.events) assert.equal(JSON.stringify(event), stream.records[index]!.value.toString('utf8'))
})

test('the byte encoder and the string builder agree, including reversals and business numbers', () => {
  const numbers = [0, 57_999_999, 12_345_678, 1_000_000, 999_999, 30_000_001, 7, 8]
  const wallets = new Wallets(numbers.length)
  numbers.forEach((n, i) => wallets.setIdentity(i, 46 - i, n))
  const encoder = new TransactionEncoder(wallets)
  const ids = new ReceiptIdFactory(3)
  // Out of order and across minutes, days and months: the encoder's cached minute must follow.
  const instants = ['2026-11-29T23:59:59.999+03:00', '2026-11-30T00:00:00.000+03:00', '2026-11-29T23:59:00.001+03:00', '2026-12-01T10:07:09.050+03:00']
  for (const instant of instants) {
    const at = Date.parse(instant)
    for (const [sender, receiver, reverses] of [[1, -1, ''], [-1, 7, ''], [5, 6, 'UKT0000001'], [2, 3, '']] as const) {
      ids.advance(at)
      const draft = new TxDraft().reset(reverses === '' ? 'WITHDRAW' : 'REVERSAL', 249_999, 20, 'AGENT')
      if (sender >= 0) draft.fromCustomer(sender)
      else draft.fromBusiness('AGENT', '123456', 123_456)
      if (receiver >= 0) draft.toCustomer(receiver)
      else draft.toBusiness('AGENT', '7654321', 7_654_321)
      draft.reverses = reverses
      Object.assign(draft, { epochMs: at, fee: 309, failed: true, idPrefix: ids.prefix, idHigh: ids.high, idLow: ids.low })
      const text = transactionJson({
        id: ids.text(), type: draft.typeName, timestamp: formatEat(at), amount: 249_999, fee: 309,
        sender: sender >= 0 ? msisdnText(numbers[sender]!) : '123456', receiver: receiver >= 0 ? msisdnText(numbers[receiver]!) : '7654321',
        senderType: sender >= 0 ? 'CUSTOMER' : 'AGENT', receiverType: receiver >= 0 ? 'CUSTOMER' : 'AGENT', market: 20, channel: 'AGENT', status: 'FAILED', reverses
      })
      assert.equal(encoder.encode(draft).toString('latin1'), text)
      assert.equal(JSON.stringify(JSON.parse(text)), text)
      assert.equal(TransactionSchema.safeParse(JSON.parse(text)).success, sender >= 0 || reverses === '')
    }
  }
  for (const amount of [0, 1, 9, 10, 99, 100, 999, 1_000, 1_001, 99_999, 100_000, 250_000, 1_234_567]) {
    const draft = new TxDraft().reset('SEND_MONEY', amount, 46, 'APP').fromCustomer(0).toCustomer(1)
    const at = Date.parse('2026-11-10T08:00:00.000+03:00')
    ids.advance(at)
    Object.assign(draft, { epochMs: at, fee: 0, failed: false, idPrefix: ids.prefix, idHigh: ids.high, idLow: ids.low })
    const value = encoder.encode(draft).toString('latin1')
    assert.equal((JSON.parse(value) as { amount: number }).amount, amount)
    assert.equal(JSON.stringify(JSON.parse(value)), value)
  }
  const at = Date.parse('2026-11-29T23:59:59.999+03:00')
  assert.equal(accountEventJson('AEUKT0000001', '254712345678', 'SIM_SWAP', formatEat(at), 46), JSON.stringify({
    event_id: 'AEUKT0000001', msisdn: '254712345678', event_type: 'SIM_SWAP', timestamp: '2026-11-29T23:59:59.999+03:00', market: 'Nairobi'
  }))
})
