import Foundation
import NewsIngest

/// The lines printed at the end of `newsindex index`.
enum SummaryFormatter {
  static func format(_ summary: IngestSummary, databasePath: String, seconds: Double, listing: Int)
    -> String
  {
    var lines: [String] = []
    let rate = seconds > 0 ? Double(summary.articlesSeen) / seconds : 0
    lines.append(
      "indexed \(summary.filesRead) \(plural(summary.filesRead, "file")) into \(databasePath) in \(String(format: "%.1f", seconds)) s (\(Int(rate.rounded())) articles/s)"
    )
    lines.append(
      "  articles: \(summary.articlesAdded) added, \(summary.articlesUpdated) updated, \(summary.articlesUnchanged) unchanged; \(summary.paragraphsWritten) \(plural(summary.paragraphsWritten, "paragraph")) written"
    )
    if !summary.filesDecodedWithFallback.isEmpty {
      let count = summary.filesDecodedWithFallback.count
      lines.append(
        "  \(count) \(plural(count, "file")) not valid UTF-8, decoded as Windows-1252 (Latin-1): \(summary.filesDecodedWithFallback.prefix(3).joined(separator: ", "))\(count > 3 ? ", …" : "")"
      )
    }
    if summary.duplicateIDs > 0 {
      lines.append(
        "  \(summary.duplicateIDs) \(plural(summary.duplicateIDs, "record")) repeated an id seen earlier in this run; the later record was kept"
      )
    }
    if summary.unreadableDates > 0 {
      lines.append("  \(summary.unreadableDates) \(plural(summary.unreadableDates, "date")) not understood; left empty")
    }
    if summary.ignoredFiles > 0 {
      let kinds = summary.ignoredExtensions.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
      lines.append("  ignored \(summary.ignoredFiles) \(plural(summary.ignoredFiles, "file")) of other types (\(kinds))")
    }
    if !summary.skipped.isEmpty {
      lines.append("  skipped \(summary.skipped.count) \(plural(summary.skipped.count, "input")):")
      for issue in summary.skipped.prefix(listing) { lines.append("    \(issue)") }
      if summary.skipped.count > listing {
        lines.append("    … and \(summary.skipped.count - listing) more (--verbose lists all)")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func plural(_ count: Int, _ word: String) -> String {
    count == 1 ? word : word + "s"
  }
}
