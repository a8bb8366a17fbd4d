import Dispatch

/// A value computed on another thread, started at once; ``value()`` waits for it.
///
/// For work at the end of an index run that reads what is committed while the writer goes on
/// with something else: the machine has a second core, and the writer's connection only one.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  // Unchecked: `result` is written once, before `done` is signalled, and read only after.
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, any Error>?

  init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global().async { [self] in
      result = Result(catching: work)
      done.signal()
    }
  }

  /// The value, or the error the work threw; waits until it is done.
  func value() throws -> Value {
    done.wait()
    done.signal()  // so that a second call returns too
    return try result!.get()
  }
}
