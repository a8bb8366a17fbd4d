import Foundation
import GRDB
import GRDBSQLite

/// `newsrank(fts, k1, b, weight…)`: the FTS5 auxiliary function that scores a row for search.
///
/// Okapi BM25 computed as FTS5's own `bm25()` computes it (column weights multiply a phrase's
/// count in each column; the row length is all columns' tokens; IDF `ln((N − n + 0.5) /
/// (n + 0.5))`, floored at 10⁻⁶ for a word in more than half the rows), but with `k1` and `b`
/// as arguments: FTS5 fixes them at 1.2 and 0.75, and the evaluation in `Tools/eval` measured
/// better values (see `Searcher`). Lucene's IDF, `ln(1 + (N − n + 0.5) / (n + 0.5))`, which
/// never reaches 0, was measured too and lost on 3 of 5 collections (TIME MAP −0.018).
///
/// Higher is better (FTS5's `bm25()` is negated). Registered on every connection the archive
/// opens (``register(in:)``); the per-query statistics (each phrase's row count, the average
/// row length) are computed once per query and kept with FTS5's auxiliary data.
enum RankingFunction {
  static let name = "newsrank"
  /// FTS5's floor for the IDF of a word in more than half the rows: the word still selects
  /// rows, and its count still orders them when no other word of the query does.
  static let idfFloor = 1e-6

  /// `newscounts(fts)`: how often each phrase of the query occurs in each column of the row,
  /// as a blob of 32-bit counts, phrase by phrase, column by column. Grouped search adds them up
  /// per article to rank articles as wholes (`ArchiveReader.searchArticles`).
  static let countsName = "newscounts"

  static func register(in db: Database) throws {
    let api = UnsafeMutablePointer(mutating: FTS5.api(db))
    guard let create = api.pointee.xCreateFunction else {
      throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 cannot register functions")
    }
    for code in [create(api, name, nil, rankRow, nil), create(api, countsName, nil, countPhrases, nil)]
    where code != SQLITE_OK {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the ranking functions")
    }
  }

  /// Reads a `newscounts` blob: counts[phrase][column].
  static func counts(in blob: Data, columns: Int) -> [[Int32]] {
    var values = [Int32](repeating: 0, count: blob.count / 4)
    _ = values.withUnsafeMutableBytes { blob.copyBytes(to: $0) }
    guard columns > 0 else { return [] }
    return stride(from: 0, to: values.count - columns + 1, by: columns).map { Array(values[$0..<($0 + columns)]) }
  }
}

/// What one query's rows share: IDF per phrase, average row length, and scratch space.
private final class QueryStatistics {
  var idf: [Double] = []
  var averageLength = 1.0
  var frequencies: [Double] = []
  /// Column weights, from the call's arguments (the same for every row of a query).
  var weights: [Double] = []
}

/// Counts the rows a phrase occurs in (FTS5 calls this once per such row).
private func countRow(
  _ api: UnsafePointer<Fts5ExtensionApi>?, _ context: OpaquePointer?, _ counter: UnsafeMutableRawPointer?
) -> Int32 {
  counter?.assumingMemoryBound(to: Int64.self).pointee += 1
  return SQLITE_OK
}

private func releaseStatistics(_ pointer: UnsafeMutableRawPointer?) {
  guard let pointer else { return }
  Unmanaged<QueryStatistics>.fromOpaque(pointer).release()
}

private func rankRow(
  _ apiPointer: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let api = apiPointer?.pointee, let fts else { return }
  func fail(_ code: Int32) { sqlite3_result_error_code(result, code) }
  func argument(_ index: Int, default value: Double) -> Double {
    guard let arguments, index < Int(argumentCount), let argument = arguments[index] else { return value }
    return sqlite3_value_type(argument) == SQLITE_NULL ? value : sqlite3_value_double(argument)
  }
  let k1 = argument(0, default: 1.2)
  let b = argument(1, default: 0.75)

  let statistics: QueryStatistics
  if let stored = api.xGetAuxdata(fts, 0) {
    statistics = Unmanaged<QueryStatistics>.fromOpaque(stored).takeUnretainedValue()
  } else {
    statistics = QueryStatistics()
    var rows: Int64 = 0
    var tokens: Int64 = 0
    var code = api.xRowCount(fts, &rows)
    if code == SQLITE_OK { code = api.xColumnTotalSize(fts, -1, &tokens) }
    guard code == SQLITE_OK else { return fail(code) }
    let phraseCount = Int(api.xPhraseCount(fts))
    for phrase in 0..<phraseCount {
      var containing: Int64 = 0
      let code = api.xQueryPhrase(fts, Int32(phrase), &containing, countRow)
      guard code == SQLITE_OK else { return fail(code) }
      let n = Double(rows), found = Double(containing)
      let idf = log((n - found + 0.5) / (found + 0.5))
      statistics.idf.append(idf > 0 ? idf : RankingFunction.idfFloor)
    }
    statistics.averageLength = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
    statistics.frequencies = Array(repeating: 0, count: phraseCount)
    statistics.weights = (0..<Int(api.xColumnCount(fts))).map { argument(2 + $0, default: 1) }
    let retained = Unmanaged.passRetained(statistics).toOpaque()
    let stored = api.xSetAuxdata(fts, retained, releaseStatistics)
    guard stored == SQLITE_OK else { return fail(stored) }
  }

  for index in statistics.frequencies.indices { statistics.frequencies[index] = 0 }
  var instances: Int32 = 0
  var code = api.xInstCount(fts, &instances)
  guard code == SQLITE_OK else { return fail(code) }
  for instance in 0..<instances {
    var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
    code = api.xInst(fts, instance, &phrase, &column, &offset)
    guard code == SQLITE_OK else { return fail(code) }
    if Int(phrase) < statistics.frequencies.count, Int(column) < statistics.weights.count {
      statistics.frequencies[Int(phrase)] += statistics.weights[Int(column)]
    }
  }
  var length: Int32 = 0
  code = api.xColumnSize(fts, -1, &length)
  guard code == SQLITE_OK else { return fail(code) }
  let norm = k1 * (1 - b + b * Double(length) / statistics.averageLength)
  var score = 0.0
  for (phrase, frequency) in statistics.frequencies.enumerated() where frequency > 0 {
    score += statistics.idf[phrase] * frequency * (k1 + 1) / (frequency + norm)
  }
  sqlite3_result_double(result, score)
}

private func countPhrases(
  _ apiPointer: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let api = apiPointer?.pointee, let fts else { return }
  let phrases = Int(api.xPhraseCount(fts)), columns = Int(api.xColumnCount(fts))
  var counts = [Int32](repeating: 0, count: phrases * columns)
  var instances: Int32 = 0
  var code = api.xInstCount(fts, &instances)
  for instance in 0..<instances where code == SQLITE_OK {
    var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
    code = api.xInst(fts, instance, &phrase, &column, &offset)
    if code == SQLITE_OK, Int(phrase) < phrases, Int(column) < columns {
      counts[Int(phrase) * columns + Int(column)] += 1
    }
  }
  guard code == SQLITE_OK else { return sqlite3_result_error_code(result, code) }
  counts.withUnsafeBytes { bytes in
    sqlite3_result_blob(result, bytes.baseAddress, Int32(bytes.count), SQLITE_TRANSIENT_SWIFT)
  }
}

/// SQLite's SQLITE_TRANSIENT (copy the value now), which Swift cannot import as a macro.
private let SQLITE_TRANSIENT_SWIFT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
