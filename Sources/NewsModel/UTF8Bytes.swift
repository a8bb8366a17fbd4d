extension String {
  /// Runs `body` on the string's UTF-8 bytes where they lie (a copy only for a string not
  /// stored natively), without the mutable copy `withUTF8` needs: how the cleaning rules, the
  /// content hash and the writer's bindings read text. A loop over the buffer runs several
  /// times faster than one over `utf8`, which checks the string's representation at every byte.
  @inlinable
  public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    return try Array(utf8).withUnsafeBufferPointer(body)
  }
}
