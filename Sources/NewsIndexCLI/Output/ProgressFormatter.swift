import Foundation
import NewsIngest

/// The text of `newsindex index`'s progress line, fitted to a width:
/// `[=========>          ]  47%  9,120 articles  24.1/51.3 MB  6.2 MB/s  ETA 0:04`.
///
/// Pure (numbers in, text out), so that tests can give it any moment of a run.
enum ProgressFormatter {
  static let maximumBarWidth = 40
  /// Narrower than this, a bar says nothing: drop less important parts first, then the bar.
  static let minimumBarWidth = 10
  /// Columns kept for the text beside the bar (`100%  1,234,567 articles  123.4/567.8 MB
  /// 12.3 MB/s  ETA 1:02`), so that the bar's width depends on the terminal's only and does
  /// not jump as the numbers grow.
  static let reservedTextWidth = 60
  /// Seconds of reading before a rate and an ETA are shown: the first batch is read in one
  /// burst before anything is tagged or written, so an earlier rate would promise far too much.
  static let minimumSecondsForRate = 1.0

  /// The line for `progress` after `seconds` of reading, at most `width - 1` columns: writing
  /// the last column makes some terminals wrap, and the line would no longer redraw in place.
  static func line(_ progress: IngestProgress, seconds: Double, width: Int) -> String {
    let room = max(0, width - 1)
    let fraction =
      progress.bytesTotal > 0 ? min(1, max(0, Double(progress.bytesRead) / Double(progress.bytesTotal))) : nil
    let percent = fraction.map { pad("\(Int(($0 * 100).rounded(.down)))%", to: 4) }
    let articles = "\(grouped(progress.articlesRead)) \(progress.articlesRead == 1 ? "article" : "articles")"
    let size =
      progress.bytesTotal > 0
      ? bytes(progress.bytesRead, of: progress.bytesTotal) : amount(Double(progress.bytesRead))
    let rate = progress.readingDone ? nil : self.rate(progress, seconds: seconds)
    let timeLeft =
      progress.readingDone
      ? "finishing the index…" : progress.bytesTotal > 0 ? eta(progress, seconds: seconds) : nil

    // Layouts from the richest down; the first that fits wins.
    let withBar: [[String?]] = [
      [percent, articles, size, rate, timeLeft],
      [percent, articles, size, timeLeft],
      [percent, size, timeLeft],
    ]
    if let fraction {
      let steadyWidth = min(maximumBarWidth, max(minimumBarWidth, room - 3 - reservedTextWidth))
      for parts in withBar {
        let text = joined(parts)
        // Narrower than its steady width only when the text would not fit otherwise.
        let barWidth = min(steadyWidth, room - text.count - 3)
        if barWidth >= minimumBarWidth {
          return "[" + bar(fraction, width: barWidth) + "] " + text
        }
      }
    }
    let withoutBar: [[String?]] = [
      [percent, articles, size, rate, timeLeft],
      [percent, size, timeLeft],
      [percent, timeLeft],
      [percent ?? articles],
    ]
    for parts in withoutBar {
      let text = joined(parts)
      if text.count <= room { return text }
    }
    return String(joined(withoutBar[withoutBar.count - 1]).prefix(room))
  }

  /// `=========>          `: `width` columns, the `>` at the edge of what is done.
  static func bar(_ fraction: Double, width: Int) -> String {
    let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
    if filled == width { return String(repeating: "=", count: width) }
    return String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: width - filled - 1)
  }

  /// `24.1/51.3 MB`: both in the unit that suits the total (kB, MB, GB; decimal, as `ls -h
  /// --si` and the benchmark's MB/s).
  static func bytes(_ done: Int, of total: Int) -> String {
    let (divisor, decimals, unit) = scale(for: Double(total))
    let format = "%.\(decimals)f"
    let right = String(format: format, Double(total) / divisor)
    // Padded to the total's width, so that the line does not shift as the count grows.
    return pad(String(format: format, Double(done) / divisor), to: right.count) + "/" + right + " " + unit
  }

  /// `24.1 MB`, for a size or (with `/s`) a rate.
  static func amount(_ value: Double) -> String {
    let (divisor, decimals, unit) = scale(for: value)
    return String(format: "%.\(decimals)f", value / divisor) + " " + unit
  }

  /// `6.2 MB/s`, the average since reading started; nil until it means something.
  static func rate(_ progress: IngestProgress, seconds: Double) -> String? {
    guard seconds >= minimumSecondsForRate, progress.bytesRead > 0 else { return nil }
    return amount(Double(progress.bytesRead) / seconds) + "/s"
  }

  /// `ETA 0:04` (or `1:02:03`), from the average rate so far; `ETA -:--` until there is one.
  static func eta(_ progress: IngestProgress, seconds: Double) -> String {
    guard progress.bytesTotal > 0, seconds >= minimumSecondsForRate, progress.bytesRead > 0 else {
      return "ETA -:--"
    }
    let left = Double(max(0, progress.bytesTotal - progress.bytesRead)) * seconds / Double(progress.bytesRead)
    guard left.isFinite, left < 360_000 else { return "ETA -:--" }
    return "ETA " + clock(Int(left.rounded(.up)))
  }

  /// `m:ss` under an hour, `h:mm:ss` beyond.
  static func clock(_ seconds: Int) -> String {
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
  }

  /// `9,120`: the same in every locale, like the rest of the tool's output.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  private static func scale(for value: Double) -> (divisor: Double, decimals: Int, unit: String) {
    if value >= 1e9 { return (1e9, 2, "GB") }
    if value >= 1e6 { return (1e6, 1, "MB") }
    return (1e3, 0, "kB")
  }

  private static func pad(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  private static func joined(_ parts: [String?]) -> String {
    parts.compactMap { $0 }.joined(separator: "  ")
  }
}
