import Foundation

/// Paths into `../shared`, which holds the real corpora. Tests that need it are disabled with
/// a message saying so when it is absent (it is present in CI).
public enum SharedCorpora {
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared")

  public static var seed: String { root.appendingPathComponent("seeds/000_4dd3fa7bfb58b718.txt").path }
  /// The project's own sample archive.
  public static var corpus: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Corpus").path
  }

  public static var fakes: String { root.appendingPathComponent("corpora/fakes-syria/fakes.csv").path }

  public static var seedIsPresent: Bool { FileManager.default.fileExists(atPath: seed) }
  public static var fakesIsPresent: Bool { FileManager.default.fileExists(atPath: fakes) }

  public static let absentMessage = "../shared is absent: skipping the test that reads the real corpora"
}

/// A scratch folder removed when the value goes away.
public final class TemporaryFolder {
  public let url: URL

  public init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("newsindex-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  /// Writes `records` as JSON Lines, one object a line, keys sorted.
  @discardableResult
  public func writeJSONLines(_ name: String, _ records: [[String: String]]) throws -> String {
    var lines = ""
    for record in records {
      let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
      lines += String(decoding: data, as: UTF8.self) + "\n"
    }
    return try write(name, lines)
  }

  @discardableResult
  public func write(_ name: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file.path
  }
}
