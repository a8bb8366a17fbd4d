import Dispatch
import Foundation
import NewsModel
import NewsStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Indexes files and folders: finds inputs, reads them by format, builds clean articles and
/// writes them in batches, one transaction per batch.
///
/// Bad input never stops the run: it is reported in the summary and the rest is indexed.
/// Store errors (disk full, a locked or foreign file) do stop it, after the batches already
/// committed; nothing half-written is kept.
public final class IngestPipeline {
  /// Articles per transaction: large enough that FTS5 writes few segments.
  public static let defaultBatchSize = 512
  /// Input bytes read between two calls of ``onProgress`` (besides those after each batch):
  /// often enough for a display redrawn 10 times a second, rare enough to cost nothing.
  public static let progressStepBytes = 64 << 10

  public struct Options: Sendable {
    public var mapping = FieldMapping()
    public var batchSize = IngestPipeline.defaultBatchSize
    /// Tags and links named entities; nil skips extraction (`--no-entities`).
    public var annotator: EntityAnnotator?
    /// Asked between records; true stops the run: the pending batch is dropped, what was
    /// committed stays (SIGINT/SIGTERM).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Tags each batch on all cores and writes it while the next one is read and tagged. Off,
    /// everything runs on one thread, one step after the other; the index content is the same.
    public var concurrent = true

    public init(
      mapping: FieldMapping = FieldMapping(), batchSize: Int = IngestPipeline.defaultBatchSize,
      annotator: EntityAnnotator? = nil
    ) {
      self.mapping = mapping
      self.batchSize = batchSize
      self.annotator = annotator
    }
  }

  /// The extensions read, by format.
  public enum Format: String, Sendable, CaseIterable {
    case plainText, jsonLines, csv

    public init?(path: String) {
      switch (path as NSString).pathExtension.lowercased() {
      case "txt", "md", "text", "markdown": self = .plainText
      case "jsonl", "ndjson": self = .jsonLines
      case "csv": self = .csv
      default: return nil
      }
    }
  }

  let writer: ArchiveWriter
  let options: Options
  let builder = ArticleBuilder()
  /// Called after each batch is handed to the writer, with the summary of what has been
  /// written so far (for progress display).
  public var onBatch: ((IngestSummary) -> Void)?
  /// Reports how far the run is, for a progress display.
  ///
  /// Called on the thread that called ``run(paths:)``: every ``progressStepBytes`` of input,
  /// after each batch, and once when all input is read. Set, it also makes the run measure
  /// the input's size before reading (one `stat` per file).
  public var onProgress: ((IngestProgress) -> Void)?

  public init(writer: ArchiveWriter, options: Options = Options()) {
    self.writer = writer
    self.options = options
  }

  /// Tags a batch's articles on all cores; each article is tagged whole, by one thread, so
  /// the result does not depend on the number of threads.
  static func annotate(
    _ articles: inout [Article], skipping known: [Bool] = [], with annotator: EntityAnnotator, concurrently: Bool = true
  ) {
    guard concurrently else {
      for index in articles.indices where !(index < known.count && known[index]) { annotator.annotate(&articles[index]) }
      return
    }
    articles.withUnsafeMutableBufferPointer { buffer in
      let slots = DisjointSlots(buffer: buffer)
      DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
        if index < known.count, known[index] { return }
        annotator.annotate(&slots.buffer[index])
      }
    }
  }

  /// Lets threads write to the buffer: safe because each iteration touches its own index only.
  private struct DisjointSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Article>
  }

  public func run(paths: [String]) throws(StoreError) -> IngestSummary {
    var collector = Collector(pipeline: self)
    // Every path is expanded before any is read, so that the input's size is known up front.
    let inputs = paths.map { path in
      var issues: [IngestIssue] = []
      let files = InputFinder.files(at: path, issues: &issues)
      let sizes =
        onProgress == nil ? [] : files.map { Format(path: $0) == nil ? 0 : IngestPipeline.size(of: $0) }
      return Collector.Input(files: files, sizes: sizes, issues: issues)
    }
    if onProgress != nil {
      collector.progress.bytesTotal = inputs.reduce(0) { $0 + $1.sizes.reduce(0, +) }
      collector.progress.filesTotal = inputs.reduce(0) {
        $0 + $1.files.count(where: { Format(path: $0) != nil })
      }
      collector.nextReport = 0
      collector.report()
    }
    for input in inputs where !collector.isClosed {
      try collector.index(input)
    }
    if collector.isClosed {
      collector.discardPending()
      collector.finishWrites()
      if let error = collector.storeError { throw error }
    } else {
      collector.progress.readingDone = true
      collector.nextReport = 0
      collector.report()
      try collector.flush()
    }
    try writer.finishEntities()
    return collector.summary
  }

  /// The file's size in bytes, or 0 when it cannot be read (its reader then reports why).
  static func size(of path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  /// Receives what readers find, builds articles and writes them batch by batch.
  struct Collector: ArticleSink {
    /// The files one path on the command line stands for, with what was wrong with it.
    struct Input {
      var files: [String]
      /// Sizes of `files` (0 for a format not read); empty when no one watches progress.
      var sizes: [Int]
      var issues: [IngestIssue]
    }

    let pipeline: IngestPipeline
    var summary = IngestSummary()
    var progress = IngestProgress()
    /// Bytes of the files already read whole.
    var bytesOfFinishedFiles = 0
    /// Size of the file being read, as measured at the start.
    var currentFileBytes = Int.max
    /// ``progress`` is reported again once `bytesRead` reaches this (never without a listener).
    var nextReport = Int.max
    var batch: [Article] = []
    var seenIDs = Set<String>()
    /// The file being read, to name it when its bytes needed the encoding fallback.
    var currentFile = ""
    let batchWriter: BatchWriter

    init(pipeline: IngestPipeline) {
      self.pipeline = pipeline
      self.batchWriter = BatchWriter(
        writer: pipeline.writer, depth: pipeline.options.concurrent ? BatchWriter.defaultDepth : 1,
        countsCapitalisation: pipeline.options.annotator == nil)
    }

    var storeError: StoreError? { batchWriter.firstError }

    /// Once `shouldStop` says yes it keeps saying yes, so this stays true.
    var isClosed: Bool { pipeline.options.shouldStop() }

    mutating func index(_ input: Input) throws(StoreError) {
      summary.skipped += input.issues
      for (number, file) in input.files.enumerated() where !isClosed {
        guard let format = Format(path: file) else {
          let ext = (file as NSString).pathExtension.lowercased()
          summary.ignoredExtensions[ext.isEmpty ? "(none)" : "." + ext, default: 0] += 1
          continue
        }
        summary.filesRead += 1
        currentFile = file
        currentFileBytes = number < input.sizes.count ? input.sizes[number] : Int.max
        switch format {
        case .plainText: PlainTextReader().read(path: file, into: &self)
        case .jsonLines: JSONLinesReader(mapping: pipeline.options.mapping).read(path: file, into: &self)
        case .csv: CSVReader(mapping: pipeline.options.mapping).read(path: file, into: &self)
        }
        if number < input.sizes.count {
          bytesOfFinishedFiles += input.sizes[number]
          progress.bytesRead = bytesOfFinishedFiles
          progress.filesRead += 1
          if progress.bytesRead >= nextReport { report() }
        }
        if let error = storeError { throw error }
      }
    }

    mutating func reached(offset: Int) {
      // A file that grew since it was measured must not count for more than its size.
      progress.bytesRead = bytesOfFinishedFiles + min(offset, currentFileBytes)
      if progress.bytesRead >= nextReport { report() }
    }

    /// Tells the listener how far the run is.
    mutating func report() {
      guard let onProgress = pipeline.onProgress else { return }
      nextReport = progress.bytesRead + IngestPipeline.progressStepBytes
      onProgress(progress)
    }

    mutating func accept(_ raw: RawArticle) {
      guard storeError == nil, !isClosed else { return }
      if raw.decodedWithFallback, summary.filesDecodedWithFallback.last != currentFile {
        summary.filesDecodedWithFallback.append(currentFile)
      }
      switch pipeline.builder.build(raw) {
      case .skipped(let issue):
        summary.skipped.append(issue)
      case .article(let article, let dateWasUnreadable):
        if dateWasUnreadable { summary.unreadableDates += 1 }
        progress.articlesRead += 1
        if !seenIDs.insert(article.id).inserted {
          summary.duplicateIDs += 1
          // The same id twice in one batch: write what is pending first so the later record wins.
          if batch.contains(where: { $0.id == article.id }) { writePending() }
        }
        batch.append(article)
        if batch.count >= pipeline.options.batchSize { writePending() }
      }
    }

    mutating func skip(_ issue: IngestIssue) {
      summary.skipped.append(issue)
    }

    /// Drops the batch not yet written, as a stopped run must.
    mutating func discardPending() {
      summary.interrupted = true
      summary.articlesDiscarded = batch.count
      batch.removeAll()
    }

    mutating func flush() throws(StoreError) {
      writePending()
      finishWrites()
      if let error = storeError { throw error }
    }

    /// Waits for the batches in flight and counts them.
    mutating func finishWrites() {
      batchWriter.drain()
      count(batchWriter.takeFinished())
    }

    private mutating func count(_ results: [BatchWriter.Result]) {
      for result in results {
        switch result.outcome {
        case .added:
          summary.articlesAdded += 1
          summary.paragraphsWritten += result.paragraphs
        case .updated:
          summary.articlesUpdated += 1
          summary.paragraphsWritten += result.paragraphs
        case .unchanged:
          summary.articlesUnchanged += 1
        }
      }
    }

    private mutating func writePending() {
      guard !batch.isEmpty, storeError == nil, !isClosed else { return }
      if let annotator = pipeline.options.annotator {
        // Articles the index already holds unchanged are not tagged again.
        let known = (try? pipeline.writer.alreadyIndexed(batch)) ?? []
        IngestPipeline.annotate(&batch, skipping: known, with: annotator, concurrently: pipeline.options.concurrent)
      }
      batchWriter.submit(batch)
      if !pipeline.options.concurrent { batchWriter.drain() }
      batch.removeAll(keepingCapacity: true)
      count(batchWriter.takeFinished())
      pipeline.onBatch?(summary)
      if pipeline.onProgress != nil {
        nextReport = 0
        report()
      }
    }
  }
}
