// Tests phone-number rules: Safaricom prefixes, masking of single numbers and of numbers inside text.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  KENYAN_MSISDN_REGEX,
  SAFARICOM_MSISDN_REGEX,
  SAFARICOM_PREFIXES,
  isSafaricomMsisdn,
  maskMsisdn,
  maskMsisdnsInText
} from '../../../src/domain/msisdn.ts'

describe('Safaricom MSISDN', () => {
  test('accepts every listed prefix and nothing else among 7xx/1xx prefixes', () => {
    assert.equal(SAFARICOM_PREFIXES.length, 58)
    for (let p = 100; p <= 799; p++) {
      const number = `254${p}123456`
      assert.equal(isSafaricomMsisdn(number), SAFARICOM_PREFIXES.includes(String(p)), number)
    }
  })

  test('accepts Daraja-style examples and rejects Airtel, Telkom and malformed numbers', () => {
    for (const ok of ['254708374149', '254712345678', '254110000000', '254748000001', '254769999999']) {
      assert.ok(SAFARICOM_MSISDN_REGEX.test(ok), ok)
    }
    for (const bad of ['254733123456', '254770123456', '254100123456', '0712345678', '+254712345678', '25471234567', '2547123456789']) {
      assert.equal(isSafaricomMsisdn(bad), false, bad)
    }
    assert.ok(KENYAN_MSISDN_REGEX.test('254733123456'))
  })
})

describe('masking', () => {
  test('keeps the first and last four digits', () => {
    assert.equal(maskMsisdn('254712345678'), '2547****5678')
    assert.equal(maskMsisdn('123'), '****')
  })

  test('masks every 12-digit 254 number in text, and only those', () => {
    assert.equal(
      maskMsisdnsInText('from 254712345678 to 254110000001; paybill 888880; id 12547123456789'),
      'from 2547****5678 to 2541****0001; paybill 888880; id 12547123456789'
    )
    assert.equal(maskMsisdnsInText('{"sender":"254799894177"}'), '{"sender":"2547****4177"}')
  })
})
