/// SearchBench's command line, parsed by hand as NERTool's is (no ArgumentParser in tools).
///
/// `SearchBench --db PATH --queries FILE [--repeat N] [--warmup N] [--seed N] [--limit N] [--cold]
/// [--json]`
struct BenchOptions {
  static let usage =
    "--db PATH --queries FILE [--repeat N] [--warmup N] [--seed N] [--limit N] [--cold] [--json]"
  /// Unmeasured runs first, as the CLI benchmark does: the page cache, SQLite's statements.
  static let defaultWarmup = 5
  static let defaultSeed: UInt64 = 5
  /// `newsindex search`'s default page.
  static let defaultLimit = 10

  var database = ""
  var queries = ""
  /// Times each query runs (interleaved with the others, in a seeded order).
  var repeats = 1
  var warmup = BenchOptions.defaultWarmup
  var seed = BenchOptions.defaultSeed
  var limit = BenchOptions.defaultLimit
  var json = false
  /// Opens the index anew for every query, inside its time, as each CLI run does.
  var cold = false

  init(_ arguments: ArraySlice<String>) throws(BenchError) {
    var iterator = arguments.makeIterator()
    func value(_ name: String) throws(BenchError) -> String {
      guard let value = iterator.next() else { throw .usage("\(name) needs a value; \(BenchOptions.usage)") }
      return value
    }
    func number(_ name: String, minimum: Int) throws(BenchError) -> Int {
      let text = try value(name)
      guard let number = Int(text), number >= minimum else {
        throw .usage("\(name) must be a number of at least \(minimum) (got '\(text)')")
      }
      return number
    }
    while let argument = iterator.next() {
      switch argument {
      case "--db": database = try value(argument)
      case "--queries": queries = try value(argument)
      case "--repeat": repeats = try number(argument, minimum: 1)
      case "--warmup": warmup = try number(argument, minimum: 0)
      case "--seed": seed = UInt64(try number(argument, minimum: 0))
      case "--limit": limit = try number(argument, minimum: 1)
      case "--json": json = true
      case "--cold": cold = true
      default: throw .usage("unknown argument '\(argument)'; \(BenchOptions.usage)")
      }
    }
    if database.isEmpty || queries.isEmpty { throw .usage(BenchOptions.usage) }
  }
}
