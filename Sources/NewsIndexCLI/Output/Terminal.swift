import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the output is going to: a terminal (colour, wrapping, progress) or a pipe.
enum Terminal {
  static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
  static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
  static var usesColor: Bool {
    guard standardOutputIsTerminal else { return false }
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
    return noColor.isEmpty
  }

  /// Columns to wrap at: $COLUMNS, the terminal's width, or 80 when piped.
  static var width: Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value > 20 {
      return value
    }
    var size = winsize()
    if standardOutputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
      return Int(size.ws_col)
    }
    return 80
  }
}

/// A one-line progress counter on standard error, redrawn in place.
final class ProgressLine {
  let enabled: Bool
  private var drawn = false

  init(enabled: Bool) {
    self.enabled = enabled
  }

  func update(articles: Int, files: Int) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\rindexing… \(articles) articles from \(files) files".utf8))
    drawn = true
  }

  func finish() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
