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
  static var width: Int { width(of: STDOUT_FILENO) }

  /// Columns of the terminal standard error goes to (the progress line), the same way.
  static var errorWidth: Int { width(of: STDERR_FILENO) }

  private static func width(of descriptor: Int32) -> Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value > 20 {
      return value
    }
    var size = winsize()
    if isatty(descriptor) != 0, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
      return Int(size.ws_col)
    }
    return 80
  }
}
