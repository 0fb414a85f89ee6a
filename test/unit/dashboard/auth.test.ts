// The token and host checks as pure functions: constant-time comparison, where a token is read from, redaction for logs.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { hostName, redactUrl, requestToken, tokenMatches } from '../../../src/dashboard/auth.ts'

test('a token matches only itself, whatever the lengths', () => {
  const token = 'abcdefghijklmnop'
  assert.equal(tokenMatches(token, token), true)
  assert.equal(tokenMatches(token, 'abcdefghijklmnoq'), false)
  assert.equal(tokenMatches(token, 'abc'), false)
  assert.equal(tokenMatches(token, `${token}x`), false)
  assert.equal(tokenMatches(token, ''), false)
  assert.equal(tokenMatches(token, undefined), false)
})

test('the token comes from a Bearer header first, else from ?token=', () => {
  assert.equal(requestToken('Bearer s3cret-token', '/api/alerts'), 's3cret-token')
  assert.equal(requestToken('bearer   s3cret-token ', '/api/alerts'), 's3cret-token')
  assert.equal(requestToken('Bearer header', '/events?token=query'), 'header')
  assert.equal(requestToken(undefined, '/events?x=1&token=a%2Bb'), 'a+b')
  assert.equal(requestToken('Basic dXNlcjpwdw==', '/'), undefined)
  assert.equal(requestToken(undefined, '/'), undefined)
  assert.equal(requestToken(undefined, '/?token='), '')
})

test('tokens in logged URLs are redacted', () => {
  assert.equal(redactUrl('/events?token=s3cret'), '/events?token=[redacted]')
  assert.equal(redactUrl('/api/alerts?limit=5&token=s3cret&status=OPEN'), '/api/alerts?limit=5&token=[redacted]&status=OPEN')
  assert.equal(redactUrl('/health'), '/health')
})

test('host names are read without their port, IPv6 in brackets', () => {
  assert.equal(hostName('127.0.0.1:8080'), '127.0.0.1')
  assert.equal(hostName('localhost'), 'localhost')
  assert.equal(hostName('[::1]:8080'), '[::1]')
  assert.equal(hostName('evil.example:8080'), 'evil.example')
})
