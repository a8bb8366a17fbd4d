import Foundation
import GRDB
import GRDBSQLite

/// `newstier(fts, units)`: 1 when the row holds every unit of the query as typed, in the
/// column each asks for, else 0 — the first tier of passage search, read off the row's own
/// phrase instances.
///
/// `units` lists, unit by unit (separated by `;`), the phrases of the MATCH expression that
/// stand for it and the column each must occur in (`phrase:column`, separated by `,`): a unit
/// is held when any of them occurs there. "3:1,4:1;0:0" is "phrase 3 or 4 in column 1, and
/// phrase 0 in column 0".
///
/// Before it, the tier was a second MATCH whose rowids SQLite gathered into an IN list: at a
/// million paragraphs 15–40% of a common word's search.
enum TierFunction {
  static let name = "newstier"

  static func register(in db: Database) throws {
    let api = UnsafeMutablePointer(mutating: FTS5.api(db))
    guard let create = api.pointee.xCreateFunction else {
      throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 cannot register functions")
    }
    let code = create(api, name, nil, tierRow, nil)
    guard code == SQLITE_OK else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the tier function")
    }
  }

  /// Parses `units`; nil when it is malformed.
  static func units(from text: String) -> [[(phrase: Int32, column: Int32)]]? {
    var units: [[(phrase: Int32, column: Int32)]] = []
    for unit in text.split(separator: ";", omittingEmptySubsequences: false) {
      var alternatives: [(phrase: Int32, column: Int32)] = []
      for alternative in unit.split(separator: ",", omittingEmptySubsequences: false) {
        let parts = alternative.split(separator: ":")
        guard parts.count == 2, let phrase = Int32(parts[0]), let column = Int32(parts[1]) else { return nil }
        alternatives.append((phrase, column))
      }
      guard !alternatives.isEmpty else { return nil }
      units.append(alternatives)
    }
    return units.isEmpty ? nil : units
  }
}

/// One query's units, parsed once, and a scratch set of the (phrase, column) pairs a row holds.
private final class TierUnits {
  let units: [[(phrase: Int32, column: Int32)]]
  let columns: Int
  var held: [Bool]

  init(units: [[(phrase: Int32, column: Int32)]], phrases: Int, columns: Int) {
    self.units = units
    self.columns = columns
    held = Array(repeating: false, count: phrases * columns)
  }
}

private func tierRow(
  _ apiPointer: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
  _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let api = apiPointer?.pointee, let fts else { return }
  let tier: TierUnits
  if let stored = api.xGetAuxdata(fts, 0) {
    tier = Unmanaged<TierUnits>.fromOpaque(stored).takeUnretainedValue()
  } else {
    guard argumentCount == 1, let argument = arguments?[0], let text = sqlite3_value_text(argument),
      let units = TierFunction.units(from: String(cString: text))
    else {
      sqlite3_result_error(result, "newstier: units must read like \"0:1,2:1;1:0\"", -1)
      return
    }
    let phrases = Int(api.xPhraseCount(fts))
    let columns = Int(api.xColumnCount(fts))
    guard units.allSatisfy({ $0.allSatisfy { Int($0.phrase) < phrases && Int($0.column) < columns } }) else {
      sqlite3_result_error(result, "newstier: a phrase or column is out of range", -1)
      return
    }
    tier = TierUnits(units: units, phrases: phrases, columns: columns)
    let stored = api.xSetAuxdata(fts, Unmanaged.passRetained(tier).toOpaque(), releaseAuxiliaryData)
    guard stored == SQLITE_OK else { return sqlite3_result_error_code(result, stored) }
  }
  for index in tier.held.indices { tier.held[index] = false }
  var instances: Int32 = 0
  var code = api.xInstCount(fts, &instances)
  guard code == SQLITE_OK else { return sqlite3_result_error_code(result, code) }
  for instance in 0..<instances {
    var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
    code = api.xInst(fts, instance, &phrase, &column, &offset)
    guard code == SQLITE_OK else { return sqlite3_result_error_code(result, code) }
    tier.held[Int(phrase) * tier.columns + Int(column)] = true
  }
  let holdsEvery = tier.units.allSatisfy { unit in
    unit.contains { tier.held[Int($0.phrase) * tier.columns + Int($0.column)] }
  }
  sqlite3_result_int(result, holdsEvery ? 1 : 0)
}
