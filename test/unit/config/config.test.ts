// Configuration is validated once: defaults, overrides by flags, and errors that name the bad setting.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadConfig } from '../../../src/config/config.ts'

describe('loadConfig', () => {
  test('with no settings: the local one-node broker on 9092, 3 partitions, RF 1', () => {
    const config = loadConfig({})
    assert.equal(config.kafka.local, true)
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:9092'])
    assert.equal(config.topics.partitions, 3)
    assert.equal(config.topics.replicationFactor, 1)
    assert.ok(Object.isFrozen(config))
  })

  test('KAFKA_BROKERS points at an existing cluster and turns the local broker off', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'b1.example:9092, b2.example:9093' })
    assert.equal(config.kafka.local, false)
    assert.deepEqual(config.kafka.brokers, ['b1.example:9092', 'b2.example:9093'])
  })

  test('three local nodes default to RF 3 and their own ports', () => {
    const config = loadConfig({ KAFKA_LOCAL_NODES: '3' })
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:19092', '127.0.0.1:20092', '127.0.0.1:21092'])
    assert.equal(config.topics.replicationFactor, 3)
  })

  test('a flag wins over the environment', () => {
    const config = loadConfig({ TOPIC_PARTITIONS: '6' }, { partitions: '12' })
    assert.equal(config.topics.partitions, 12)
  })

  test('a bad value is refused with the setting, its flag and what is allowed', () => {
    assert.throws(() => loadConfig({ TOPIC_PARTITIONS: 'many' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'CONFIG_INVALID')
      assert.match(error.message, /TOPIC_PARTITIONS \(--partitions\): "many"/)
      return true
    })
    assert.throws(() => loadConfig({ KAFKA_LOCAL_NODES: '2' }), /KAFKA_LOCAL_NODES \(--nodes\): "2" is not allowed/)
    assert.throws(() => loadConfig({ KAFKA_BROKERS: 'no-port' }), /KAFKA_BROKERS \(--brokers\).*host:port/)
  })

  test('SASL needs a user name and a password, and is carried to the client settings', () => {
    assert.throws(() => loadConfig({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512' }), /KAFKA_SASL_USERNAME/)
    const config = loadConfig({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_TLS: 'true' })
    assert.deepEqual(config.kafka.security, { tls: true, sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' } })
  })
})
