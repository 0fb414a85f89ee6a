// Tests bufferView: a real Buffer over exactly the given range of an ArrayBuffer, sharing its memory.

import assert from 'node:assert/strict'
import { Buffer } from 'node:buffer'
import { test } from 'node:test'
import { bufferView } from '../../../src/generator/buffer-view.ts'

test('bufferView is a Buffer over the range, without a copy', () => {
  const memory = new ArrayBuffer(16)
  new Uint8Array(memory).set(Buffer.from('0123456789abcdef', 'latin1'))
  const view = bufferView(memory, 3, 5)
  assert.ok(Buffer.isBuffer(view))
  assert.equal(view.toString('latin1'), '34567')
  assert.equal(view.buffer, memory)
  assert.equal(view.byteOffset, 3)
  view[0] = 0x21
  assert.equal(new Uint8Array(memory)[3], 0x21)
  assert.equal(view.subarray(1, 3).toString('latin1'), '45')
})
