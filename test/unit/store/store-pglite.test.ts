// The store's contract (sink, triage, dashboard queries) on embedded in-memory PGlite, the default engine.
import { queriesContract } from './contract-queries.ts'
import { sinkContract } from './contract-sink.ts'
import { triageContract } from './contract-triage.ts'
import { pgliteFixture } from './store-fixture.ts'

const fixture = pgliteFixture()
sinkContract(fixture)
triageContract(fixture)
queriesContract(fixture)
