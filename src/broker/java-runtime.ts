// Finds Java 17+ and the Kafka jars (resolving them with Maven when missing), or says what to install.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { kafkaJarsDir, kafkaRuntimeDir } from '../config/paths.ts'
import { PesaflowError } from '../errors.ts'

const alternatives = 'Or run a broker with Docker (`docker compose up -d`, see compose.yaml) and set KAFKA_BROKERS=127.0.0.1:9092, or point KAFKA_BROKERS at any existing cluster.'

export interface JavaRuntime { readonly java: string; readonly classpath: string; readonly log4jConfig: string }

export function javaMajorVersion (versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput)
  if (match === null) return undefined
  const first = Number(match[1])
  return first === 1 ? Number(match[2]) : first
}

function findJava (): string {
  const java = process.env.JAVA_HOME !== undefined && process.env.JAVA_HOME !== '' ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new PesaflowError('JAVA_MISSING', `Java 17 or newer is needed to run the local Kafka broker and was not found (${java}). Install it (Debian/Ubuntu: apt install openjdk-17-jre-headless). ${alternatives}`)
  }
  const major = javaMajorVersion(probe.stderr + probe.stdout)
  if (major === undefined || major < 17) {
    throw new PesaflowError('JAVA_MISSING', `Java ${major ?? '?'} found, Kafka 4 needs Java 17 or newer. Install it or set JAVA_HOME. ${alternatives}`)
  }
  return java
}

function jarsPresent (): boolean {
  return existsSync(kafkaJarsDir) && readdirSync(kafkaJarsDir).some((f) => /^kafka_2\.13-.*\.jar$/.test(f)) &&
    readdirSync(kafkaJarsDir).some((f) => f.startsWith('log4j-core-'))
}

/** Runs Maven on kafka/pom.xml to copy the broker's jars into kafka/lib (cached in ~/.m2 afterwards). */
export function resolveKafkaJars (log: (line: string) => void = () => {}): void {
  if (jarsPresent()) return
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' })
  if (mvn.error !== undefined || mvn.status !== 0) {
    throw new PesaflowError('MAVEN_MISSING', `The Kafka jars are not in ${kafkaJarsDir} and Maven, which fetches them from Maven Central, was not found. Install it (apt install maven). ${alternatives}`)
  }
  log('Resolving the Apache Kafka jars from Maven Central (first run only)...')
  const run = spawnSync('mvn', ['-B', '-q', '-f', join(kafkaRuntimeDir, 'pom.xml'), 'dependency:copy-dependencies'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (run.status !== 0 || !jarsPresent()) {
    throw new PesaflowError('KAFKA_JARS_MISSING', `Maven could not resolve the Kafka jars (exit ${run.status}): ${(run.stdout + run.stderr).slice(-2000)}`)
  }
}

export function javaRuntime (log?: (line: string) => void): JavaRuntime {
  const java = findJava()
  resolveKafkaJars(log)
  return { java, classpath: join(kafkaJarsDir, '*'), log4jConfig: join(kafkaRuntimeDir, 'log4j2.yaml') }
}
