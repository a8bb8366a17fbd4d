import Foundation
import GRDB
import GRDBSQLite

/// `newsrank(fts, k1, b, column weight…, phrase weight…)`: the FTS5 auxiliary function that
/// scores a row for search.
///
/// Okapi BM25 computed as FTS5's own `bm25()` computes it (column weights multiply a phrase's
/// count in each column; the row length is all columns' tokens; IDF `ln((N − n + 0.5) /
/// (n + 0.5))`, floored at 10⁻⁶ for a word in more than half the rows), but with `k1` and `b`
/// as arguments: FTS5 fixes them at 1.2 and 0.75, and the evaluation in `Tools/eval` measured
/// better values (see `Searcher`). Lucene's IDF, `ln(1 + (N − n + 0.5) / (n + 0.5))`, which
/// never reaches 0, was measured too and lost on 3 of 5 collections (TIME MAP −0.018).
///
/// After one weight per column, optional weights per phrase (in the order of the query's
/// phrases; missing ones are 1) multiply each phrase's share of the score: pseudo-relevance
/// feedback weighs the words it adds below the words typed.
///
/// Higher is better (FTS5's `bm25()` is negated). Registered on every connection the archive
/// opens (``register(in:)``); the per-query statistics (each phrase's row count, the average
/// row length) are computed once per query and kept with FTS5's auxiliary data.
enum RankingFunction {
  static let name = "newsrank"
  /// FTS5's floor for the IDF of a word in more than half the rows: the word still selects
  /// rows, and its count still orders them when no other word of the query does.
  static let idfFloor = 1e-6
  /// Rows are normalised as at least this share of the average row length. Measured with the
  /// passage as the unit (`Tools/eval/evaluate.py --aggregate max`): every collection within
  /// ±0.002 MAP and nDCG@10 of no floor (NPL +0.0016 MAP); grouped search, the default of the
  /// evaluation, does not use it.
  static let minimumLengthShare = 0.5

  /// `newscounts(fts, …)`, with `newsrank`'s arguments: the row's `newsrank` score, then how
  /// often each phrase of the query occurs in each column of the row, as a blob of 64-bit
  /// floats (score, then phrase by phrase, column by column). Grouped search adds the counts up
  /// per article to rank articles as wholes, and keeps each article's best passage by the
  /// score (`ArchiveReader.searchArticles`): one pass over a row's phrase instances for both.
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

  /// Reads a `newscounts` blob: the score, and counts[phrase][column].
  static func scoreAndCounts(in blob: Data, columns: Int) -> (score: Double, counts: [[Double]]) {
    var values = [Double](repeating: 0, count: blob.count / 8)
    _ = values.withUnsafeMutableBytes { blob.copyBytes(to: $0) }
    guard let score = values.first, columns > 0 else { return (0, []) }
    let counts = stride(from: 1, to: values.count - columns + 1, by: columns).map { Array(values[$0..<($0 + columns)]) }
    return (score, counts)
  }
}

/// What one query's rows share: IDF per phrase, average row length, the call's arguments
/// (the same for every row of a query), and the row being scored.
private final class QueryStatistics {
  var idf: [Double] = []
  var averageLength = 1.0
  var k1 = 1.2
  var b = 0.75
  /// Column weights, then phrase weights.
  var weights: [Double] = []
  var phraseWeights: [Double] = []
  /// The current row: its score, then its phrase counts (phrase by phrase, column by column),
  /// as `newscounts` returns them.
  var row: [Double] = []
  var score: Double { row[0] }
}

/// Counts the rows a phrase occurs in (FTS5 calls this once per such row).
private func countRow(
  _ api: UnsafePointer<Fts5ExtensionApi>?, _ context: OpaquePointer?, _ counter: UnsafeMutableRawPointer?
) -> Int32 {
  counter?.assumingMemoryBound(to: Int64.self).pointee += 1
  return SQLITE_OK
}

/// Releases an object retained as an auxiliary function's per-query data: FTS5 calls it when
/// the query ends, or at once when `xSetAuxdata` fails (so a caller never releases it itself).
func releaseAuxiliaryData(_ pointer: UnsafeMutableRawPointer?) {
  guard let pointer else { return }
  Unmanaged<AnyObject>.fromOpaque(pointer).release()
}

private func rankRow(
  _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let statistics = scoreRow(api, fts, result, argumentCount, arguments) else { return }
  sqlite3_result_double(result, statistics.score)
}

private func countPhrases(
  _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let statistics = scoreRow(api, fts, result, argumentCount, arguments) else { return }
  statistics.row.withUnsafeBytes { bytes in
    sqlite3_result_blob(result, bytes.baseAddress, Int32(bytes.count), DirectBinding.transient)
  }
}

/// Scores the current row: the query's statistics, with this row's score and phrase counts
/// filled in; nil after setting an error on `result`.
private func scoreRow(
  _ apiPointer: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) -> QueryStatistics? {
  guard let api = apiPointer?.pointee, let fts else { return nil }
  func fail(_ code: Int32) -> QueryStatistics? {
    sqlite3_result_error_code(result, code)
    return nil
  }
  func argument(_ index: Int, default value: Double) -> Double {
    guard let arguments, index < Int(argumentCount), let argument = arguments[index] else { return value }
    return sqlite3_value_type(argument) == SQLITE_NULL ? value : sqlite3_value_double(argument)
  }

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
    statistics.k1 = argument(0, default: 1.2)
    statistics.b = argument(1, default: 0.75)
    let columnCount = Int(api.xColumnCount(fts))
    statistics.weights = (0..<columnCount).map { argument(2 + $0, default: 1) }
    statistics.phraseWeights = (0..<phraseCount).map { argument(2 + columnCount + $0, default: 1) }
    statistics.row = Array(repeating: 0, count: 1 + phraseCount * columnCount)
    let retained = Unmanaged.passRetained(statistics).toOpaque()
    let stored = api.xSetAuxdata(fts, retained, releaseAuxiliaryData)
    guard stored == SQLITE_OK else { return fail(stored) }
  }

  let columns = statistics.weights.count
  for index in statistics.row.indices { statistics.row[index] = 0 }
  var instances: Int32 = 0
  var code = api.xInstCount(fts, &instances)
  guard code == SQLITE_OK else { return fail(code) }
  for instance in 0..<instances {
    var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
    code = api.xInst(fts, instance, &phrase, &column, &offset)
    guard code == SQLITE_OK else { return fail(code) }
    if Int(phrase) < statistics.idf.count, Int(column) < columns {
      statistics.row[1 + Int(phrase) * columns + Int(column)] += 1
    }
  }
  var length: Int32 = 0
  code = api.xColumnSize(fts, -1, &length)
  guard code == SQLITE_OK else { return fail(code) }
  let k1 = statistics.k1
  // A row shorter than a share of the average is normalised as if it had that length: a
  // signature ("Paul A Volcker") or a table line ("Monsooned coffee") otherwise tops a
  // one-word search for being short.
  let normalisedLength = max(Double(length), RankingFunction.minimumLengthShare * statistics.averageLength)
  let norm = k1 * (1 - statistics.b + statistics.b * normalisedLength / statistics.averageLength)
  var score = 0.0
  for phrase in statistics.idf.indices {
    var frequency = 0.0
    for column in 0..<columns { frequency += statistics.weights[column] * statistics.row[1 + phrase * columns + column] }
    if frequency > 0 {
      score += statistics.phraseWeights[phrase] * statistics.idf[phrase] * frequency * (k1 + 1) / (frequency + norm)
    }
  }
  statistics.row[0] = score
  return statistics
}

