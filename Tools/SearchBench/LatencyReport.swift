import Foundation

/// Percentiles per query class, as a text table or as JSON for `Tools/bench/bench.py`.
struct LatencyReport {
  var database: String
  var queryFile: String
  var queries: [BenchQuery]
  var repeats: Int
  var cold: Bool
  var firstOpen: Double
  var samples: [String: [LatencyBench.Sample]]
  var opens: [LatencyBench.Sample]
  var failures: [(query: BenchQuery, message: String)]
  var seconds: Double
  var load: (Double, Double)

  /// One row: milliseconds, except counts.
  struct Row {
    var name: String
    var count: Int
    var p50, p95, p99, max, cpu50: Double
    /// Medians of the parts (see `LatencyBench.Sample`); `sql` is the rest of the wall time.
    var opening50, resolve50, sql50, entities50, snippets50: Double
    var matches50: Double
    var matchesMax: Int
    var empty: Int
    var failed: Int
    var slowest: String
  }

  var rows: [Row] {
    var order: [String] = []
    for query in queries where !order.contains(query.queryClass) { order.append(query.queryClass) }
    var rows: [Row] = []
    for name in order {
      let runs = samples[name] ?? []
      let failed = failures.count { $0.query.queryClass == name }
      guard !runs.isEmpty else {
        rows.append(
          Row(
            name: name, count: 0, p50: .nan, p95: .nan, p99: .nan, max: .nan, cpu50: .nan, opening50: .nan,
            resolve50: .nan, sql50: .nan, entities50: .nan, snippets50: .nan, matches50: .nan, matchesMax: 0,
            empty: 0, failed: failed, slowest: ""))
        continue
      }
      let slowest = runs.max { $0.wall < $1.wall }.map {
        queries.indices.contains($0.query) ? queries[$0.query].display : ""
      }
      rows.append(row(name, runs, failed: failed, slowest: slowest ?? ""))
    }
    if !opens.isEmpty { rows.append(row("open", opens, failed: 0, slowest: "")) }
    return rows
  }

  private func row(_ name: String, _ runs: [LatencyBench.Sample], failed: Int, slowest: String) -> Row {
    let wall = runs.map { $0.wall * 1000 }
    return Row(
      name: name, count: runs.count, p50: percentile(wall, 50), p95: percentile(wall, 95),
      p99: percentile(wall, 99), max: wall.max() ?? .nan, cpu50: percentile(runs.map { $0.cpu * 1000 }, 50),
      opening50: percentile(runs.map { $0.opening * 1000 }, 50),
      resolve50: percentile(runs.map { $0.resolve * 1000 }, 50),
      sql50: percentile(
        runs.map { max(0, $0.wall - $0.opening - $0.resolve - $0.entities - $0.snippets) * 1000 }, 50),
      entities50: percentile(runs.map { $0.entities * 1000 }, 50),
      snippets50: percentile(runs.map { $0.snippets * 1000 }, 50),
      matches50: percentile(runs.map { Double($0.matches) }, 50), matchesMax: runs.map(\.matches).max() ?? 0,
      empty: name == "open" ? 0 : runs.count { $0.hits == 0 }, failed: failed, slowest: slowest)
  }

  /// Linear interpolation between closest ranks, as bench.py (and numpy) compute it.
  func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let ordered = values.sorted()
    let rank = Double(ordered.count - 1) * p / 100
    let low = Int(rank)
    let high = min(low + 1, ordered.count - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - Double(low))
  }

  func table() -> String {
    var lines = [
      "SearchBench: \(queries.count) queries × \(repeats)\(cold ? ", each on a newly opened index" : "") from \(queryFile) on \(database); first open \(fixed(firstOpen * 1000)) ms; \(fixed(seconds)) s; load \(fixed(load.0, 2)) → \(fixed(load.1, 2))",
      "milliseconds (wall; cpu = this thread's CPU time); parts are medians: opening = the index opened (--cold only), resolve = --entity lookup, entities/snippets = redone alone after the search, sql = the rest (parse, rank, highlight)",
      "",
    ]
    let header = [
      "class", "n", "p50", "p95", "p99", "max", "cpu p50", "opening", "resolve", "sql", "entities",
      "snippets", "matches p50", "no hits", "failed", "slowest",
    ]
    var cells: [[String]] = [header]
    for row in rows {
      // `open` is the reference: it has no parts and no matches.
      let parts =
        row.name == "open"
        ? ["", "", "", "", "", "", ""]
        : [
          fixed(row.opening50, 2), fixed(row.resolve50, 2), fixed(row.sql50), fixed(row.entities50, 2),
          fixed(row.snippets50, 2),
          fixed(row.matches50, 0), "\(row.empty)",
        ]
      cells.append(
        [
          row.name, "\(row.count)", fixed(row.p50), fixed(row.p95), fixed(row.p99), fixed(row.max),
          fixed(row.cpu50),
        ]
          + parts + ["\(row.failed)", row.slowest])
    }
    let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
    for row in cells {
      let padded = row.enumerated().map { column, cell in
        column == 0 || column == row.count - 1
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }
      lines.append(padded.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
    for failure in failures.prefix(10) {
      lines.append("failed: \(failure.query.queryClass) `\(failure.query.display)`: \(failure.message)")
    }
    if failures.count > 10 { lines.append("… \(failures.count - 10) more failed") }
    return lines.joined(separator: "\n")
  }

  func json() -> String {
    func number(_ value: Double) -> Any { value.isFinite ? (value * 1000).rounded() / 1000 : NSNull() }
    let classes: [[String: Any]] = rows.map { row in
      [
        "class": row.name, "n": row.count, "p50": number(row.p50), "p95": number(row.p95),
        "p99": number(row.p99),
        "max": number(row.max), "cpu_p50": number(row.cpu50), "opening_p50": number(row.opening50),
        "resolve_p50": number(row.resolve50),
        "sql_p50": number(row.sql50), "entities_p50": number(row.entities50),
        "snippets_p50": number(row.snippets50),
        "matches_p50": number(row.matches50), "matches_max": row.matchesMax, "empty": row.empty,
        "failed": row.failed, "slowest": row.slowest,
      ]
    }
    let object: [String: Any] = [
      "database": database, "queries": queries.count, "repeats": repeats, "cold": cold,
      "first_open_ms": number(firstOpen * 1000),
      "seconds": number(seconds), "load": [number(load.0), number(load.1)], "classes": classes,
      "failures": failures.map {
        ["class": $0.query.queryClass, "query": $0.query.display, "error": $0.message]
      },
    ]
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
      return "{}"
    }
    return String(decoding: data, as: UTF8.self)
  }

  private func fixed(_ value: Double, _ decimals: Int = 1) -> String {
    value.isFinite ? String(format: "%.\(decimals)f", value) : "–"
  }
}
