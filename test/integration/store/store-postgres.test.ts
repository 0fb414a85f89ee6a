// The store's contract (sink, triage, dashboard queries) on the real PostgreSQL server (DATABASE_URL, default
// postgresql://postgres@127.0.0.1:5432/test), each test in a schema of its own that is dropped afterwards.
import { queriesContract } from '../../unit/store/contract-queries.ts'
import { sinkContract } from '../../unit/store/contract-sink.ts'
import { triageContract } from '../../unit/store/contract-triage.ts'
import { postgresFixture } from '../../unit/store/store-fixture.ts'

const fixture = postgresFixture('store')
sinkContract(fixture)
triageContract(fixture)
queriesContract(fixture)
