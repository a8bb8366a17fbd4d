import ArgumentParser
import Foundation
import NewsStore

extension NewsIndex {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the index: SQLite and FTS5 integrity, counts, orphan rows.",
      discussion: "Exit status 0 when the index is sound, 1 when a problem was found.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let report: CheckReport
      do {
        report = try Archive.openExisting(path: database.path).check()
      } catch {
        throw fail(error, verbose: database.verbose)
      }
      print(
        "\(database.path): \(report.articles) articles, \(report.paragraphs) paragraphs, \(report.entities) entities, \(report.mentions) mentions"
      )
      if report.isSound {
        print("ok: SQLite integrity, both full-text indexes match their content, no orphan rows, the kept counts right")
      } else {
        for problem in report.problems { print("problem: \(problem)") }
        throw ExitCode.failure
      }
    }
  }

  struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the full-text indexes and compact the file (FTS5 optimize + VACUUM).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let sizes: (before: Int, after: Int)
      do {
        sizes = try Archive.openExisting(path: database.path).optimize()
      } catch {
        throw fail(error, verbose: database.verbose)
      }
      func megabytes(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1_000_000) }
      print("\(database.path): \(megabytes(sizes.before)) → \(megabytes(sizes.after))")
    }
  }
}
