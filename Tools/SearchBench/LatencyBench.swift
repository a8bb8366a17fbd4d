import Foundation
import NewsModel
import NewsSearch
import NewsStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a query file through `Searcher.search` on one open index — the CLI's path (entity
/// names resolved, ranking, highlights, snippets, entities of the hits) without process start,
/// opening and printing — and reports latency percentiles per query class.
///
/// Jobs run in a seeded shuffled order, every query `repeats` times, interleaved with `open`
/// jobs (opening the index read-only, as each CLI run does) as many as the largest class, so
/// a change of machine load hits all classes alike.
struct LatencyBench {
  let options: BenchOptions

  /// One measured run of a query.
  struct Sample {
    /// Index of the query in the file (-1 for an `open` job).
    var query = -1
    var wall: Double
    var cpu: Double
    /// Parts of `wall`: names resolved (and `opening`), then after the search, its hits' entities looked up
    /// again and their snippets cut again (each timed alone); the rest is parsing, ranking and
    /// highlighting in SQLite.
    var resolve: Double
    var entities: Double
    /// With `--cold`: opening the index before the query (part of `wall`).
    var opening = 0.0
    var snippets: Double
    var matches: Int
    var hits: Int
  }

  enum Job {
    case query(Int)
    case open
  }

  func run() throws {
    let queries = try BenchQuery.load(path: options.queries, limit: options.limit)
    let firstOpenStarted = Clock.wall()
    let reader = try Archive.openForReading(path: options.database).makeReader()
    let firstOpen = Clock.wall() - firstOpenStarted
    let searcher = Searcher(reader: reader)

    var jobs: [Job] = []
    for _ in 0..<options.repeats { jobs += queries.indices.map { Job.query($0) } }
    let largestClass = Dictionary(grouping: queries, by: \.queryClass).values.map(\.count).max() ?? 0
    jobs += Array(repeating: Job.open, count: largestClass * options.repeats)
    var generator = SeededGenerator(seed: options.seed)
    generator.shuffle(&jobs)

    var warmed = 0
    for job in jobs where warmed < options.warmup {
      if case .query(let index) = job {
        _ = try? run(queries[index], with: searcher, reader: reader)
        warmed += 1
      }
    }

    var samples: [String: [Sample]] = [:]
    var opens: [Sample] = []
    var failures: [(query: BenchQuery, message: String)] = []
    let loadBefore = LatencyBench.loadAverage()
    let started = Clock.wall()
    for job in jobs {
      switch job {
      case .open:
        let (wall, cpu) = (Clock.wall(), Clock.threadCPU())
        let archive = try Archive.openForReading(path: options.database)
        _ = archive.makeReader()
        opens.append(
          Sample(
            wall: Clock.wall() - wall, cpu: Clock.threadCPU() - cpu, resolve: 0, entities: 0, snippets: 0,
            matches: 0, hits: 0))
      case .query(let index):
        let query = queries[index]
        do {
          var sample: Sample
          if options.cold {
            // What each CLI run pays besides process start: a new connection, an empty page
            // cache, statements prepared anew.
            let started = (Clock.wall(), Clock.threadCPU())
            let fresh = try Archive.openForReading(path: options.database).makeReader()
            let opened = (Clock.wall() - started.0, Clock.threadCPU() - started.1)
            sample = try run(query, with: Searcher(reader: fresh), reader: fresh)
            sample.wall += opened.0
            sample.cpu += opened.1
            sample.opening = opened.0
          } else {
            sample = try run(query, with: searcher, reader: reader)
          }
          sample.query = index
          samples[query.queryClass, default: []].append(sample)
        } catch {
          failures.append((query, "\(error)"))
        }
      }
    }
    let elapsed = Clock.wall() - started

    let report = LatencyReport(
      database: options.database, queryFile: options.queries, queries: queries, repeats: options.repeats,
      cold: options.cold,
      firstOpen: firstOpen, samples: samples, opens: opens, failures: failures, seconds: elapsed,
      load: (loadBefore, LatencyBench.loadAverage()))
    print(options.json ? report.json() : report.table())
  }

  /// One query, timed; the entity and snippet parts are redone after it, each timed alone.
  func run(_ query: BenchQuery, with searcher: Searcher, reader: ArchiveReader) throws -> Sample {
    let (wall, cpu) = (Clock.wall(), Clock.threadCPU())
    var options = query.searchOptions
    for name in query.entityNames {
      options.entityIDs.append(try LatencyBench.resolve(name, with: reader))
    }
    let resolved = Clock.wall()
    let results = try searcher.search(query.text, options: options)
    let (end, endCPU) = (Clock.wall(), Clock.threadCPU())

    _ = try reader.entities(inParagraphs: results.hits.map(\.passage.paragraphID))
    let entitiesDone = Clock.wall()
    let builder = SnippetBuilder()
    for hit in results.hits { _ = builder.snippet(of: hit.passage.text, matches: hit.passage.matches) }
    let snippetsDone = Clock.wall()
    return Sample(
      wall: end - wall, cpu: endCPU - cpu, resolve: resolved - wall, entities: entitiesDone - end,
      snippets: snippetsDone - entitiesDone, matches: results.totalMatches, hits: results.hits.count)
  }

  /// The entities `--entity NAME` stands for, as the CLI's `EntityResolver` decides, minus its
  /// fallback to the bundled alias list (the benchmark takes names from the index itself).
  static func resolve(_ name: String, with reader: ArchiveReader) throws -> [Int64] {
    switch try reader.lookUpEntity(name) {
    case .found(let entity):
      return [entity.id]
    case .ambiguous(let candidates)
    where candidates.contains(where: { NameKey.of($0.name) == NameKey.of(name) }):
      return candidates.filter { NameKey.of($0.name) == NameKey.of(name) }.map(\.id)
    case .ambiguous(let candidates):
      throw BenchError.entity(
        name: name, reason: "could be any of \(candidates.count) entities (the CLI exits 64)")
    case .notFound:
      throw BenchError.entity(name: name, reason: "no such entity in the index (the CLI exits 64)")
    }
  }

  static func loadAverage() -> Double {
    var loads = [0.0, 0.0, 0.0]
    return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
  }
}

/// Seconds from monotonic clocks.
enum Clock {
  static func wall() -> Double { seconds(CLOCK_MONOTONIC) }
  /// CPU time of this thread: unlike wall time, other processes on a shared machine do not
  /// inflate it (SQLite runs on the calling thread, so it is all counted).
  static func threadCPU() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

  private static func seconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
