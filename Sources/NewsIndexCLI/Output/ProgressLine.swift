import Foundation
import NewsIngest

/// `newsindex index`'s progress bar on standard error.
///
/// Redrawn in place, at most every ``minimumRedrawInterval`` seconds whatever the pipeline
/// reports, and erased at the end so the summary prints on a clean line. Disabled (piped,
/// `--quiet`) it writes nothing.
///
/// Used on the thread that runs the pipeline only (its `onProgress`), so it needs no lock.
final class ProgressLine {
  static let minimumRedrawInterval = 0.1

  let enabled: Bool
  private var drawn = false
  private let started = ProcessInfo.processInfo.systemUptime
  private var lastDrawn = -Double.infinity
  private var shownReadingDone = false
  private var lastLine = ""

  init(enabled: Bool) {
    self.enabled = enabled
  }

  func update(_ progress: IngestProgress) {
    guard enabled else { return }
    let now = ProcessInfo.processInfo.systemUptime
    // The end of reading is always shown: what follows (the last writes) may take a while.
    let readingJustDone = progress.readingDone && !shownReadingDone
    guard now - lastDrawn >= ProgressLine.minimumRedrawInterval || readingJustDone else { return }
    lastDrawn = now
    shownReadingDone = progress.readingDone
    let line = ProgressFormatter.line(progress, seconds: now - started, width: Terminal.errorWidth)
    guard line != lastLine else { return }
    lastLine = line
    // `\r` to the line's start, the new text, then erase what a longer earlier line left.
    FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
    drawn = true
  }

  func finish() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
    lastLine = ""
  }
}
