import ArgumentParser
import Foundation
import NewsEntities
import NewsIngest
import NewsStore

extension NewsIndex {
  struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Index files and folders of news articles.",
      discussion: """
        Reads .txt/.md (one article per file), .jsonl/.ndjson (one per line) and .csv (one per
        row, header first); folders are read recursively, other files are ignored and counted.
        Re-running on the same input changes nothing; a changed article replaces its old version.
        Exit status: 0 all indexed, 1 some inputs skipped (the rest indexed), 2 nothing could be done.
        """)

    /// Skipped inputs listed in the summary before it says "and N more".
    static let listedIssues = 50

    @OptionGroup var database: DatabaseOptions

    @Option(help: "JSON/CSV field holding the article id (default: id, unit_id, guid, …).")
    var idField: String?
    @Option(help: "JSON/CSV field holding the title (default: title, headline, article_title, …).")
    var titleField: String?
    @Option(help: "JSON/CSV field holding the text (default: text, body, content, article_content, …).")
    var textField: String?
    @Option(help: "JSON/CSV field holding the date (default: date, published, …).")
    var dateField: String?
    @Option(help: "JSON/CSV field holding the source (default: source, outlet, …).")
    var sourceField: String?
    @Option(help: "JSON/CSV field holding the URL (default: url, link, …).")
    var urlField: String?

    @Flag(help: "Skip named-entity extraction (faster; entities, --entity and --facets then find nothing new).")
    var noEntities = false
    @Option(help: "Extra alias file, one entity a line: 'type: Canonical Name | alias | alias' (see README).")
    var aliases: String?

    @Flag(help: "Print only the summary, no progress.")
    var quiet = false

    @Argument(help: "Files or folders to index.")
    var paths: [String]

    func validate() throws {
      if paths.isEmpty { throw ValidationError("give at least one file or folder to index") }
    }

    func run() throws {
      var overrides: [FieldMapping.Part: String] = [:]
      overrides[.id] = idField
      overrides[.title] = titleField
      overrides[.text] = textField
      overrides[.date] = dateField
      overrides[.source] = sourceField
      overrides[.url] = urlField

      let annotator = noEntities ? nil : try loadAnnotator()
      Interruption.install()
      let started = Date()
      let summary: IngestSummary
      do {
        let archive = try Archive.openForWriting(path: database.path)
        var options = IngestPipeline.Options(mapping: FieldMapping(overrides: overrides), annotator: annotator)
        options.shouldStop = { Interruption.happened }
        let pipeline = IngestPipeline(writer: archive.makeWriter(), options: options)
        let progress = ProgressLine(enabled: !quiet && Terminal.standardErrorIsTerminal)
        if progress.enabled { pipeline.onProgress = { progress.update($0) } }
        defer { progress.finish() }
        summary = try pipeline.run(paths: paths)
      } catch {
        throw fail(error, verbose: database.verbose)
      }
      print(
        SummaryFormatter.format(
          summary, databasePath: database.path, seconds: Date().timeIntervalSince(started),
          listing: database.verbose ? Int.max : Index.listedIssues))
      if summary.interrupted {
        print(
          "interrupted by \(Interruption.name): stopped after the last committed batch (\(summary.articlesDiscarded) articles read after it were dropped); everything counted above is in the index. Run the same command again to finish.")
        throw ExitCode(Interruption.exitStatus)
      }
      if !summary.skipped.isEmpty { throw ExitStatus.someSkipped }
    }

    /// The bundled tagger and names, plus the user's alias file; a bad file stops the run
    /// before anything is written.
    func loadAnnotator() throws -> EntityAnnotator {
      var extra: CanonicalNameTable?
      if let aliases {
        guard let text = try? String(contentsOfFile: aliases, encoding: .utf8) else {
          printError("cannot read the alias file \(aliases); check the path (or drop --aliases)")
          throw ExitStatus.usage
        }
        do {
          extra = try CanonicalNameTable(text: text, source: aliases)
        } catch {
          printError("\(error.description); fix the line or drop --aliases")
          throw ExitStatus.usage
        }
      }
      do {
        return try EntityAnnotator.bundled(extraNames: extra)
      } catch {
        printError("the entity model could not be loaded (\(error)); reinstall newsindex, or index with --no-entities")
        throw ExitStatus.failed
      }
    }
  }
}
