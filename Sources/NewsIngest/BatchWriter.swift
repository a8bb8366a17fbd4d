import Dispatch
import Foundation
import NewsModel
import NewsStore

/// Writes batches on a thread of its own, in the order they were submitted, so that reading,
/// cleaning and tagging the next batch overlap with writing this one.
///
/// At most ``depth`` batches wait; `submit` blocks beyond that (backpressure keeps memory
/// bounded whatever the input size). The first store error stops all later writes.
final class BatchWriter: @unchecked Sendable {
  // Unchecked: `writer` is only used on `queue` (and in `init`); `finished` and `error` only
  // under `lock`.
  static let defaultDepth = 2

  /// One article's outcome and its paragraph count, for the summary.
  struct Result {
    var outcome: ArchiveWriter.Outcome
    var paragraphs: Int
  }

  private let writer: ArchiveWriter
  private let queue = DispatchQueue(label: "newsindex.batch-writer")
  private let slots: DispatchSemaphore
  /// Folds the log into the file after each batch, on a queue of its own: off the writer's
  /// thread, which bounds the run.
  private let checkpointer: LogCheckpointer?
  private let checkpointQueue = DispatchQueue(label: "newsindex.checkpointer")
  /// Counts capitalisation as batches go by, when the run starts on an empty archive and tags
  /// no entities: the end of the run then reads no paragraph again.
  private let capitalisationCounter: CapitalisationCounter?
  private let lock = NSLock()
  private var finished: [Result] = []
  private var error: StoreError?

  init(writer: ArchiveWriter, depth: Int = BatchWriter.defaultDepth, countsCapitalisation: Bool = false) {
    self.writer = writer
    self.slots = DispatchSemaphore(value: depth)
    // Without a counter the end of the run counts over the paragraphs, as before.
    self.capitalisationCounter = countsCapitalisation ? ((try? writer.makeCapitalisationCounter()) ?? nil) : nil
    // Without a checkpointer (an index in memory, or a second connection refused) the writer
    // checkpoints by itself, as SQLite does by default.
    self.checkpointer = (try? writer.makeLogCheckpointer()) ?? nil
  }

  /// Queues a batch; returns at once unless `depth` batches are already waiting.
  func submit(_ batch: [Article]) {
    // Hashed here, on the submitting thread: the writer's thread is the one that bounds a run.
    let contentHashes = batch.map(\.contentHash)
    capitalisationCounter?.add(batch)
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      guard firstError == nil else { return }
      do throws(StoreError) {
        let outcomes = try writer.write(batch, contentHashes: contentHashes)
        let results = zip(batch, outcomes).map { Result(outcome: $1, paragraphs: $0.passages.count) }
        lock.withLock { finished += results }
        // A failed checkpoint loses nothing (the log keeps the batch); the final one reports.
        if let checkpointer { checkpointQueue.async { try? checkpointer.checkpoint() } }
      } catch {
        lock.withLock { self.error = error }
      }
    }
  }

  /// Results written since the last call.
  func takeFinished() -> [Result] {
    lock.withLock {
      defer { finished.removeAll() }
      return finished
    }
  }

  var firstError: StoreError? { lock.withLock { error } }

  /// Waits until every submitted batch is written (or failed).
  func drain() {
    queue.sync {}
    checkpointQueue.sync {}
  }
}
