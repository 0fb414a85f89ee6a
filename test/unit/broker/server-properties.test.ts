// The generated broker settings: KRaft combined mode, one or three voters, replication to match.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { clusterLayout } from '../../../src/broker/cluster-layout.ts'
import { javaMajorVersion } from '../../../src/broker/java-runtime.ts'
import { serverProperties } from '../../../src/broker/server-properties.ts'

function parse (text: string): Map<string, string> {
  return new Map(text.split('\n').filter((l) => l.includes('=') && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
}

test('one node: broker and controller on 9092/9093, replication 1', () => {
  const layout = clusterLayout({ nodes: 1, basePort: 9092, heap: '1g', dataDir: '/d' })
  const props = parse(serverProperties(layout, layout.nodes[0]!))
  assert.equal(props.get('process.roles'), 'broker,controller')
  assert.equal(props.get('controller.quorum.voters'), '1@127.0.0.1:9093')
  assert.equal(props.get('listeners'), 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093')
  assert.equal(props.get('transaction.state.log.replication.factor'), '1')
  assert.equal(props.get('log.dirs'), '/d/kafka-9092/node-1/data')
})

test('three nodes: three voters, RF 3, min ISR 2, distinct ports and folders', () => {
  const layout = clusterLayout({ nodes: 3, basePort: 9092, heap: '768m', dataDir: '/d' })
  assert.deepEqual(layout.bootstrap, ['127.0.0.1:19092', '127.0.0.1:20092', '127.0.0.1:21092'])
  const all = layout.nodes.map((n) => parse(serverProperties(layout, n)))
  for (const props of all) {
    assert.equal(props.get('controller.quorum.voters'), '1@127.0.0.1:19093,2@127.0.0.1:20093,3@127.0.0.1:21093')
    assert.equal(props.get('default.replication.factor'), '3')
    assert.equal(props.get('min.insync.replicas'), '2')
    assert.equal(props.get('transaction.state.log.min.isr'), '2')
  }
  assert.equal(new Set(all.map((p) => p.get('log.dirs'))).size, 3)
})

test('Java versions are read from `java -version` output', () => {
  assert.equal(javaMajorVersion('openjdk version "17.0.15" 2025-04-15'), 17)
  assert.equal(javaMajorVersion('java version "1.8.0_392"'), 8)
  assert.equal(javaMajorVersion('nothing'), undefined)
})
