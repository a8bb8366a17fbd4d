import Foundation
import GRDB
import Testing

@testable import NewsStore

/// `newsrank()`, the BM25 that orders search results, against scores worked out by hand.
@Suite struct RankingFunctionTests {
  let database: DatabaseQueue

  /// Four rows of a two-column table; "syria" is in three of them (more than half).
  init() throws {
    database = try documentTable(
      registering: RankingFunction.register,
      rows: [
        (1, "syria", "aleppo aleppo shelling"), (2, "report", "syria aleppo"),
        (3, "syria", "ceasefire talks in geneva today"), (4, "weather", "rain"),
      ])
  }

  func scores(_ match: String, k1: Double = 1.2, b: Double = 0.75, title: Double = 1, text: Double = 1) throws
    -> [Int64: Double]
  {
    try database.read { db in
      var scores: [Int64: Double] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT rowid, newsrank(doc, ?, ?, ?, ?) FROM doc WHERE doc MATCH ?",
        arguments: [k1, b, title, text, match])
      {
        scores[row[0]] = row[1]
      }
      return scores
    }
  }

  @Test func aRowFarShorterThanAverageGetsNoMoreForIt() throws {
    try database.write { db in
      let filler = Array(repeating: "market", count: 20).joined(separator: " ")
      try db.execute(
        sql: """
          CREATE VIRTUAL TABLE short USING fts5(title, text);
          INSERT INTO short(rowid, title, text) VALUES
            (1, 'letter', 'volcker'), (2, 'letter', 'volcker said'), (3, 'letter', ?), (4, 'letter', ?);
          """, arguments: [filler, filler])
    }
    let found = try database.read { db in
      try Dictionary(
        uniqueKeysWithValues: Row.fetchAll(
          db, sql: "SELECT rowid, newsrank(short, 1.2, 0.75, 1, 1) FROM short WHERE short MATCH 'volcker'"
        ).map { ($0[0] as Int64, $0[1] as Double) })
    }
    // Rows of 2 and 3 tokens, 47 in 4 rows: both are normalised as half of 11.75 tokens.
    let expected = idf(rows: 4, containing: 2) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 0.5))
    #expect(abs(found[1]! - expected) < 1e-9)
    #expect(abs(found[2]! - expected) < 1e-9)
  }

  /// BM25's IDF, `ln((N − n + 0.5) / (n + 0.5))`, floored as FTS5 floors it.
  func idf(rows: Double, containing: Double) -> Double {
    max(log((rows - containing + 0.5) / (containing + 0.5)), RankingFunction.idfFloor)
  }

  @Test func scoreIsOkapiBM25() throws {
    // "aleppo" is in rows 1 and 2; 15 tokens in 4 rows, so the average row has 3.75.
    let found = try scores("aleppo")
    let weight = idf(rows: 4, containing: 2)
    func bm25(frequency: Double, length: Double) -> Double {
      weight * frequency * 2.2 / (frequency + 1.2 * (0.25 + 0.75 * length / 3.75))
    }
    #expect(found.count == 2)
    #expect(abs(found[1]! - bm25(frequency: 2, length: 4)) < 1e-9)
    #expect(abs(found[2]! - bm25(frequency: 1, length: 3)) < 1e-9)
  }

  @Test func aWordInMostRowsWeighsLittleButStillOrders() throws {
    // "syria" is in 3 rows of 4: its IDF is the floor, so beside a rarer word it adds nearly
    // nothing, yet alone its count and the row length still order the rows.
    let found = try scores("syria")
    #expect(found.count == 3)
    #expect(found.values.allSatisfy { $0 > 0 && $0 < 1e-5 })
    // Row 1 has it in a 4-token row and row 3 in a 6-token row: the shorter one wins.
    #expect(found[1]! > found[3]!)
  }

  @Test func sameScoresAsFTS5sOwnBM25AtItsParameters() throws {
    let ours = try scores("aleppo OR syria OR rain", title: 2)
    let theirs = try database.read { db in
      try Row.fetchAll(db, sql: "SELECT rowid, -bm25(doc, 2, 1) FROM doc WHERE doc MATCH 'aleppo OR syria OR rain'")
    }
    #expect(theirs.count == ours.count)
    for row in theirs {
      let id: Int64 = row[0]
      #expect(abs(ours[id]! - (row[1] as Double)) < 1e-9)
    }
  }

  @Test func columnWeightsMultiplyTheCount() throws {
    let even = try scores("syria", title: 1)
    let titled = try scores("syria", title: 3)
    // Rows 1 and 3 have "syria" in the title, row 2 in the text.
    #expect(titled[1]! > even[1]!)
    #expect(abs(titled[2]! - even[2]!) < 1e-12)
  }

  @Test func parametersChangeTheShapeNotTheMatches() throws {
    let flat = try scores("aleppo OR rain", k1: 1.2, b: 0)
    // With b = 0 the row length no longer matters: one "aleppo" scores the same in any row.
    let weight = idf(rows: 4, containing: 2)
    #expect(abs(flat[2]! - weight * 2.2 / 2.2) < 1e-9)
    #expect(Set(flat.keys) == [1, 2, 4])
  }

  @Test func eachPhraseOfAnOrAddsItsOwnScore() throws {
    let one = try scores("aleppo")
    let two = try scores("aleppo OR shelling")
    #expect(two[1]! > one[1]!)
    #expect(abs(two[2]! - one[2]!) < 1e-12)
  }

  @Test func phraseWeightsScaleEachPhrasesShare() throws {
    // Row 1 holds "aleppo" and "shelling": weights 1 and 0.25 give aleppo's share plus a
    // quarter of shelling's, as two separate single-phrase scores show.
    let aleppo = try scores("aleppo"), shelling = try scores("shelling")
    let weighted = try database.read { db in
      try Double.fetchOne(
        db, sql: "SELECT newsrank(doc, 1.2, 0.75, 1, 1, 1, 0.25) FROM doc WHERE doc MATCH 'aleppo OR shelling' AND rowid = 1")
    }
    #expect(abs(weighted! - (aleppo[1]! + 0.25 * shelling[1]!)) < 1e-9)
    // A phrase past the weights given weighs 1.
    let partial = try database.read { db in
      try Double.fetchOne(
        db, sql: "SELECT newsrank(doc, 1.2, 0.75, 1, 1, 2) FROM doc WHERE doc MATCH 'aleppo OR shelling' AND rowid = 1")
    }
    #expect(abs(partial! - (2 * aleppo[1]! + shelling[1]!)) < 1e-9)
  }
}

/// `newstier()`: whether a row holds every unit, read off its phrase instances.
@Suite struct TierFunctionTests {
  @Test func theUnitsArgumentIsParsedOrRefused() {
    let units = TierFunction.units(from: "0:1,2:1;1:0")
    #expect(units?.map { $0.map { $0.phrase } } == [[0, 2], [1]])
    #expect(units?.map { $0.map { $0.column } } == [[1, 1], [0]])
    for malformed in ["", "0", "a:b", "0:1;", ";0:1", "0:1,,"] {
      #expect(TierFunction.units(from: malformed) == nil, "\(malformed)")
    }
  }

  @Test func aRowHoldsAUnitWhenOneOfItsPhrasesIsInItsColumn() throws {
    let database = try documentTable(
      registering: TierFunction.register,
      rows: [(1, "idlib", "shelling near idleb"), (2, "report", "shelling in idlib"), (3, "report", "talks in geneva")])
    func tier(_ units: String) throws -> [Int64: Int] {
      try database.read { db in
        try Dictionary(
          uniqueKeysWithValues: Row.fetchAll(
            db, sql: "SELECT rowid, newstier(doc, ?) FROM doc WHERE doc MATCH 'idlib OR idleb OR shelling OR talks'",
            arguments: [units]
          ).map { ($0[0] as Int64, $0[1] as Int) })
      }
    }
    // Phrases: 0 idlib, 1 idleb, 2 shelling, 3 talks; columns: 0 title, 1 text.
    #expect(try tier("0:1;2:1") == [1: 0, 2: 1, 3: 0])  // idlib in the text, and shelling
    #expect(try tier("0:1,1:1;2:1") == [1: 1, 2: 1, 3: 0])  // either spelling will do
    #expect(try tier("0:0") == [1: 1, 2: 0, 3: 0])  // idlib in the title
    #expect(throws: DatabaseError.self) { try tier("9:1") }  // no such phrase
  }
}

/// An in-memory database with the auxiliary functions `register` adds and an FTS5 table
/// `doc(title, text)` holding `rows`.
func documentTable(
  registering register: @escaping @Sendable (Database) throws -> Void, rows: [(rowid: Int64, title: String, text: String)]
) throws -> DatabaseQueue {
  var configuration = Configuration()
  configuration.prepareDatabase { db in try register(db) }
  let database = try DatabaseQueue(configuration: configuration)
  try database.write { db in
    try db.execute(sql: "CREATE VIRTUAL TABLE doc USING fts5(title, text)")
    for row in rows {
      try db.execute(sql: "INSERT INTO doc(rowid, title, text) VALUES (?, ?, ?)", arguments: [row.rowid, row.title, row.text])
    }
  }
  return database
}
