#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Turns SIGINT and SIGTERM into a flag the index pipeline reads between records, so that a
/// stopped run drops its unfinished batch, keeps what it committed, and reports.
enum Interruption {
  /// The signal received, or 0. An atomic store is safe inside a signal handler.
  private static let received = Atomic<Int32>(0)

  static func install() {
    signal(SIGINT) { number in Interruption.received.store(number, ordering: .relaxed) }
    signal(SIGTERM) { number in Interruption.received.store(number, ordering: .relaxed) }
  }

  static var signalNumber: Int32 { received.load(ordering: .relaxed) }
  static var happened: Bool { signalNumber != 0 }

  /// 128 + the signal number, as shells report a process killed by it (130, 143).
  static var exitStatus: Int32 { 128 + signalNumber }

  static var name: String { signalNumber == SIGTERM ? "SIGTERM" : "SIGINT" }
}
