import ArgumentParser
import Foundation
import NewsStore

extension NewsIndex {
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts and on-disk sizes of the index.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let statistics: ArchiveStatistics
      do {
        statistics = try Archive.openForReading(path: database.path).makeReader().statistics()
      } catch {
        throw fail(error, verbose: database.verbose)
      }
      print("index      \(database.path)")
      print("articles   \(statistics.articles) (\(statistics.datedArticles) dated)")
      print("paragraphs \(statistics.paragraphs)")
      if let first = statistics.firstDate, let last = statistics.lastDate {
        print("dates      \(first) … \(last)")
      }
      if !statistics.topSources.isEmpty {
        let sources = statistics.topSources.map { "\($0.name) (\($0.articles))" }.joined(separator: ", ")
        print("sources    \(sources)")
      }
      print("text       \(megabytes(statistics.textBytes))")
      print("FTS index  \(megabytes(statistics.indexBytes))")
      let ratio = statistics.textBytes > 0 ? Double(statistics.fileBytes) / Double(statistics.textBytes) : 0
      print("file       \(megabytes(statistics.fileBytes)) (\(String(format: "%.2f", ratio))× the text)")
    }

    func megabytes(_ bytes: Int) -> String {
      String(format: "%.2f MB", Double(bytes) / 1_000_000)
    }
  }
}
