// The command line's contract: --help and --version succeed, usage errors exit 2, bad settings exit 2 and name themselves.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'

function pesaflow (args: string[], env: Record<string, string> = {}): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), ...args], {
    encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: '', ...env }
  })
  return { status: result.status, out: result.stdout + result.stderr }
}

test('--version prints the package version and exits 0', () => {
  const result = pesaflow(['--version'])
  assert.equal(result.status, 0)
  assert.match(result.out, /^\d+\.\d+\.\d+/)
})

test('--help works on every command', () => {
  for (const args of [['--help'], ['kafka', '--help'], ['kafka', 'start', '--help'], ['topics', 'list', '--help'], ['start', '--help']]) {
    const result = pesaflow(args)
    assert.equal(result.status, 0, args.join(' '))
    assert.match(result.out, /Usage: pesaflow/)
  }
})

test('an unknown command or option is a usage error: exit 2', () => {
  assert.equal(pesaflow(['fly']).status, 2)
  assert.equal(pesaflow(['topics', 'list', '--bogus']).status, 2)
})

test('a bad setting exits 2 and names the setting', () => {
  const result = pesaflow(['topics', 'list'], { TOPIC_PARTITIONS: 'zero' })
  assert.equal(result.status, 2)
  assert.match(result.out, /TOPIC_PARTITIONS \(--partitions\)/)
  const flag = pesaflow(['kafka', 'status', '--nodes', '4'])
  assert.equal(flag.status, 2)
  assert.match(flag.out, /KAFKA_LOCAL_NODES \(--nodes\): "4"/)
})

test('an unreachable cluster fails with exit 1 and says what to do', () => {
  const result = pesaflow(['topics', 'list'], { KAFKA_BROKERS: '127.0.0.1:1' })
  assert.equal(result.status, 1)
  assert.match(result.out, /No Kafka broker answers at 127\.0\.0\.1:1/)
})

test('without Java, `kafka start` says what to install and the alternatives, exit 1', () => {
  const nodeDir = join(projectRoot, 'node_modules', 'node', 'bin')
  const result = pesaflow(['kafka', 'start', '--port', '19492'], { PATH: nodeDir, JAVA_HOME: '' })
  assert.equal(result.status, 1)
  assert.match(result.out, /Java 17 or newer is needed/)
  assert.match(result.out, /apt install openjdk-17-jre-headless/)
  assert.match(result.out, /docker compose up -d/)
  assert.match(result.out, /KAFKA_BROKERS/)
})
