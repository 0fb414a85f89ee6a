// Tests that hand-built JSON (string builder and byte encoder) equals JSON.stringify of the parsed record and validates.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EatTimestampFormatter, formatEat } from '../../../src/domain/eat-time.ts'
import { TransactionSchema } from '../../../src/domain/schema.ts'
import { ReceiptIdFactory } from '../../../src/generator/ids.ts'
import { TransactionEncoder, accountEventJson, partyPairIndex, tailIndex, transactionJson } from '../../../src/generator/serialize.ts'
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
  const formatter = new EatTimestampFormatter()
  const writeMsisdn = (target: Uint8Array, pos: number, customer: number): number => {
    target.set(Buffer.from(`2547${String(customer).padStart(8, '0')}`), pos)
    return pos + 12
  }
  const encoder = new TransactionEncoder(formatter, writeMsisdn)
  const ids = new ReceiptIdFactory(3)
  const at = Date.parse('2026-11-29T23:59:59.999+03:00')
  for (const [sender, receiver, reverses] of [[12, -1, ''], [-1, 7, ''], [5, 6, 'UKT0000001']] as const) {
    ids.advance(at)
    const fields = {
      idPrefix: ids.prefix, idHigh: ids.high, idLow: ids.low, typeIndex: reverses === '' ? 3 : 7, epochMs: at, amount: 249_999, fee: 309,
      sender, senderNumber: '123456', receiver, receiverNumber: '7654321', partyPair: partyPairIndex(sender >= 0 ? 'CUSTOMER' : 'AGENT', receiver >= 0 ? 'CUSTOMER' : 'AGENT'),
      tail: tailIndex(20, 'AGENT', 'FAILED'), reverses
    }
    const text = transactionJson({
      id: ids.text(), type: reverses === '' ? 'WITHDRAW' : 'REVERSAL', timestamp: formatEat(at), amount: 249_999, fee: 309,
      sender: sender >= 0 ? `2547${String(sender).padStart(8, '0')}` : '123456', receiver: receiver >= 0 ? `2547${String(receiver).padStart(8, '0')}` : '7654321',
      senderType: sender >= 0 ? 'CUSTOMER' : 'AGENT', receiverType: receiver >= 0 ? 'CUSTOMER' : 'AGENT', market: 20, channel: 'AGENT', status: 'FAILED', reverses
    })
    assert.equal(encoder.encode(fields).toString('latin1'), text)
    assert.equal(JSON.stringify(JSON.parse(text)), text)
    assert.equal(TransactionSchema.safeParse(JSON.parse(text)).success, sender >= 0 || reverses === '')
  }
  assert.equal(accountEventJson('AEUKT0000001', '254712345678', 'SIM_SWAP', formatEat(at), 46), JSON.stringify({
    event_id: 'AEUKT0000001', msisdn: '254712345678', event_type: 'SIM_SWAP', timestamp: '2026-11-29T23:59:59.999+03:00', market: 'Nairobi'
  }))
})
